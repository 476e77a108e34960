/**
 * Stands in for `@atlaskit/feature-gate-js-client` (Statsig, ~80 KB gzipped) in the bundle. Nothing ever
 * initialises feature gates inside a Forge iframe, and the real client then answers every gate with false and
 * every experiment with its default, which is exactly what this does, without the weight.
 */
const FeatureGatesOff = {
  initializeCalled: (): boolean => false,
  checkGate: (_gateName: string): boolean => false,
  getExperimentValue: <T>(_experimentName: string, _parameterName: string, defaultValue: T): T => defaultValue,
};

export default FeatureGatesOff;
