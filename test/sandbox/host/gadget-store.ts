/**
 * The sandbox dashboard's gadgets and their saved configuration. In Jira the dashboard stores what the edit
 * view submits and hands it back as `extension.gadgetConfiguration`; here it lives in the host's memory.
 */
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

  constructor(initial: ReadonlyArray<Omit<GadgetInstance, 'configuration' | 'dashboardId'>>) {
    for (const gadget of initial) {
      this.gadgets.set(gadget.gadgetId, { ...gadget, dashboardId: SANDBOX_DASHBOARD_ID, configuration: {} });
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
  }
}
