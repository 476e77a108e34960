/**
 * The sandbox dashboard's gadgets and their saved configuration. In Jira the dashboard stores what the edit
 * view submits and hands it back as `extension.gadgetConfiguration`; here it lives in the host's memory and,
 * for `npm start`, in a JSON file beside the sandbox's other data, so a configured gadget survives a restart.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
export interface GadgetInstance {
  dashboardId: string;
  gadgetId: string;
  moduleKey: string;
  title: string;
  /** What the edit view last submitted; `{}` until it is configured. */
  configuration: Record<string, unknown>;
}

export const SANDBOX_DASHBOARD_ID = '10000';

export class GadgetStore {
  private readonly gadgets = new Map<string, GadgetInstance>();

  constructor(
    initial: ReadonlyArray<Omit<GadgetInstance, 'configuration' | 'dashboardId'>>,
    private readonly file?: string,
  ) {
    const saved = this.readSaved();
    for (const gadget of initial) {
      const configuration = saved[gadget.gadgetId];
      this.gadgets.set(gadget.gadgetId, {
        ...gadget,
        dashboardId: SANDBOX_DASHBOARD_ID,
        configuration: configuration && typeof configuration === 'object' && !Array.isArray(configuration) ? (configuration as Record<string, unknown>) : {},
      });
    }
  }

  private readSaved(): Record<string, unknown> {
    if (!this.file || !existsSync(this.file)) return {};
    try {
      const saved: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      return saved && typeof saved === 'object' && !Array.isArray(saved) ? (saved as Record<string, unknown>) : {};
    } catch {
      // A broken file is a dashboard nobody configured yet; the app's own validation handles odd configurations.
      return {};
    }
  }

  list(): GadgetInstance[] {
    return [...this.gadgets.values()].map((gadget) => ({ ...gadget, configuration: { ...gadget.configuration } }));
  }

  get(gadgetId: string): GadgetInstance | undefined {
    const gadget = this.gadgets.get(gadgetId);
    return gadget && { ...gadget, configuration: { ...gadget.configuration } };
  }

  configure(gadgetId: string, configuration: Record<string, unknown>): void {
    const gadget = this.gadgets.get(gadgetId);
    if (!gadget) throw new Error(`No gadget ${gadgetId}`);
    gadget.configuration = structuredClone(configuration);
    if (this.file) {
      writeFileSync(this.file, JSON.stringify(Object.fromEntries([...this.gadgets].map(([id, g]) => [id, g.configuration])), null, 2));
    }
  }
}
