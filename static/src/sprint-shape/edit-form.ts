/**
 * The edit view's form: what the person typed, turned into a gadget configuration and checked with the same
 * contract schema the resolvers use, so every problem is found and named before anything is saved. Each
 * problem has one message, in one place (its field); the view decides when to show it (shownProblems).
 */
import { gadgetConfigSchema, targetMixSchema, type GadgetConfig, type SprintChoice, type TargetMixDto } from '../../../src/contract/sprint-shape';
import type { Measure } from '../../../src/domain/sprint-shape';
import { WORK_TYPES, type WorkType } from '../../../src/domain/work-type';

export interface EditForm {
  boardId: number | null;
  sprint: SprintChoice;
  /** As typed: a field may be empty or hold something that is not a number while the person edits. */
  target: Record<WorkType, string>;
  measure: Measure;
  driftThreshold: string;
}

/** Inline messages by field: board, sprint, target (the sum), each work type, threshold, and the rest. */
export type FormProblems = Partial<Record<'boardId' | 'sprint' | 'target' | WorkType | 'driftThreshold' | 'form', string>>;
export type FieldKey = Exclude<keyof FormProblems, 'form'>;

export const targetAsText = (target: TargetMixDto): Record<WorkType, string> => ({
  Innovative: String(target.Innovative),
  Corrective: String(target.Corrective),
  Enabling: String(target.Enabling),
});

const numberOrText = (text: string): number | string => (/^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : text);

export const targetSum = (target: Record<WorkType, string>): number | null => {
  const values = WORK_TYPES.map((type) => numberOrText(target[type]));
  return values.every((value): value is number => typeof value === 'number') ? values.reduce((a, b) => a + b, 0) : null;
};

export function validateForm(form: EditForm): { config: GadgetConfig; problems: null } | { config: null; problems: FormProblems } {
  const candidate = {
    boardId: form.boardId ?? undefined,
    sprint: form.sprint,
    target: Object.fromEntries(WORK_TYPES.map((type) => [type, numberOrText(form.target[type])])),
    measure: form.measure,
    driftThreshold: numberOrText(form.driftThreshold),
  };
  const parsed = gadgetConfigSchema.safeParse(candidate);
  if (parsed.success) return { config: parsed.data, problems: null };
  const problems: FormProblems = {};
  for (const issue of parsed.error.issues) {
    const [first, second] = issue.path.map(String);
    const key = (first === 'target' && second && (WORK_TYPES as readonly string[]).includes(second) ? second : first) as keyof FormProblems | undefined;
    const message = first === 'boardId' ? 'Choose a board.' : issue.message;
    problems[key ?? 'form'] ??= message;
  }
  return { config: null, problems };
}

/** The target mix alone (the admin page's default), checked by the same schema: problems by work type and `target`. */
export function validateTarget(target: Record<WorkType, string>): { target: TargetMixDto | null; problems: FormProblems } {
  const parsed = targetMixSchema.safeParse(Object.fromEntries(WORK_TYPES.map((type) => [type, numberOrText(target[type])])));
  if (parsed.success) return { target: parsed.data, problems: {} };
  const problems: FormProblems = {};
  for (const issue of parsed.error.issues) {
    const [first] = issue.path.map(String);
    const key: keyof FormProblems = first && (WORK_TYPES as readonly string[]).includes(first) ? (first as WorkType) : 'target';
    problems[key] ??= issue.message;
  }
  return { target: null, problems };
}

/**
 * The problems to show now. A typed field's message waits until the person has left it (or tried to save), so
 * a half-typed number is not called wrong; the target's sum is a running total and shows at once, as do the
 * board and sprint once chosen, and whatever Jira said (server problems are passed in `problems` too).
 */
export function shownProblems(problems: FormProblems, touched: ReadonlySet<FieldKey>): FormProblems {
  const shown: FormProblems = {};
  for (const [key, message] of Object.entries(problems) as Array<[keyof FormProblems, string | undefined]>) {
    if (message === undefined) continue;
    const live = key === 'target' || key === 'sprint' || key === 'form';
    if (live || touched.has(key)) shown[key] = message;
  }
  return shown;
}

/** The running total under the target fields when it is not itself the problem: "Total 100 %", or "Total —" mid-edit. */
export function targetTotalText(target: Record<WorkType, string>): string {
  const sum = targetSum(target);
  return sum === null ? 'Total —' : `Total ${sum} %`;
}
