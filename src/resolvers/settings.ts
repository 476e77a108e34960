import { intakeSettings, rotateIntakeSecret } from '../services/settings/intake-secret';
import type { ResolverImplementation } from './define';

export const settingsResolvers: {
  'settings.overview': ResolverImplementation<'settings.overview'>;
  'settings.rotateIntakeSecret': ResolverImplementation<'settings.rotateIntakeSecret'>;
} = {
  'settings.overview': () => intakeSettings(),
  'settings.rotateIntakeSecret': () => rotateIntakeSecret(),
};
