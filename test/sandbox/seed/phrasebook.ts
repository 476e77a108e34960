/**
 * How issue summaries are drawn: each project has a phrasebook per kind of work — handwritten summaries,
 * then templates of interchangeable parts once those run out — and no summary is drawn twice.
 */
import type { WorkType } from '../../../src/domain/work-type';
import type { SeededRandom } from './random';

export type SeedLabel = 'tech-debt' | 'customer-reported' | 'security' | 'ux' | 'performance' | 'migration';
export type DrawnIssueType = 'Story' | 'Task' | 'Bug';

export interface Phrase {
  summary: string;
  type: DrawnIssueType;
  labels?: readonly SeedLabel[];
}

/** A summary is one choice from each part, joined by spaces. */
export interface PhraseTemplate {
  parts: readonly (readonly string[])[];
  type: DrawnIssueType;
  labels?: readonly SeedLabel[];
}

export interface Phrasebook {
  phrases: readonly Phrase[];
  templates: readonly PhraseTemplate[];
}

export interface EpicPhrase {
  summary: string;
  workType: WorkType;
}

/** The words a project's work is described in, by the kind of work a summary really is. */
export interface ProjectVocabulary {
  byKind: Readonly<Record<WorkType, Phrasebook>>;
  epics: readonly EpicPhrase[];
}

const MAX_TEMPLATE_ATTEMPTS = 200;

export class SummaryDrawer {
  private readonly used = new Set<string>();
  private readonly unusedPhrases: Map<WorkType, Phrase[]>;

  constructor(
    private readonly vocabulary: ProjectVocabulary,
    private readonly random: SeededRandom,
  ) {
    this.unusedPhrases = new Map(
      (Object.keys(vocabulary.byKind) as WorkType[]).map((kind) => [kind, random.shuffle(vocabulary.byKind[kind].phrases)]),
    );
  }

  /** Marks summaries taken elsewhere (the epics), so no issue repeats them. */
  reserve(summary: string): void {
    this.used.add(summary);
  }

  /** A summary not drawn before, for work that really is of `kind`. Handwritten phrases are spread out by mixing in templates. */
  draw(kind: WorkType): Phrase {
    const unused = this.unusedPhrases.get(kind) ?? [];
    const book = this.vocabulary.byKind[kind];
    const preferTemplate = book.templates.length > 0 && (unused.length === 0 || this.random.chance(0.35));
    if (preferTemplate) {
      const fromTemplate = this.drawFromTemplates(book.templates);
      if (fromTemplate !== null) return fromTemplate;
    }
    while (unused.length > 0) {
      const phrase = unused.pop() as Phrase;
      if (!this.used.has(phrase.summary)) {
        this.used.add(phrase.summary);
        return phrase;
      }
    }
    const fromTemplate = this.drawFromTemplates(book.templates);
    if (fromTemplate === null) throw new Error(`The ${kind} phrasebook has run out of summaries`);
    return fromTemplate;
  }

  private drawFromTemplates(templates: readonly PhraseTemplate[]): Phrase | null {
    for (let attempt = 0; attempt < MAX_TEMPLATE_ATTEMPTS; attempt += 1) {
      const template = this.random.pick(templates);
      const summary = template.parts.map((choices) => this.random.pick(choices)).join(' ');
      if (this.used.has(summary)) continue;
      this.used.add(summary);
      return template.labels === undefined ? { summary, type: template.type } : { summary, type: template.type, labels: template.labels };
    }
    return null;
  }
}
