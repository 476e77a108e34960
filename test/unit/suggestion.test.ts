/** suggestWorkType: each kind of rule, how conflicts resolve, confidence, and the reasons a person reads. */
import { suggestionRulesSchema } from '../../src/contract/work-type';
import { suggestWorkType, type IssueFacts } from '../../src/domain/suggestion';
import { DEFAULT_SUGGESTION_RULES, type SuggestionRules } from '../../src/domain/suggestion-rules';

const facts = (over: Partial<IssueFacts> = {}): IssueFacts => ({
  issueType: 'Task',
  labels: [],
  summary: 'Tidy the thing',
  description: '',
  parent: null,
  origin: null,
  ...over,
});
const rules = DEFAULT_SUGGESTION_RULES;

describe('suggestWorkType: each kind of rule', () => {
  it('suggests Corrective for the Bug issue type and says so', () => {
    expect(suggestWorkType(facts({ issueType: 'Bug' }), rules)).toEqual({ workType: 'Corrective', confidence: 1, reasons: ['Bug issue type'] });
  });

  it('matches issue types and labels case-insensitively', () => {
    expect(suggestWorkType(facts({ issueType: 'bug' }), rules)?.workType).toBe('Corrective');
    expect(suggestWorkType(facts({ labels: ['Tech-Debt'] }), rules)).toMatchObject({ workType: 'Enabling', reasons: ['label `Tech-Debt`'] });
  });

  it('uses summary words as whole words with simple inflections', () => {
    expect(suggestWorkType(facts({ summary: 'Upgraded the Kafka client' }), rules)).toMatchObject({
      workType: 'Enabling',
      reasons: ['summary mentions upgrade'],
    });
    // "address" contains "add" but is not the word add.
    expect(suggestWorkType(facts({ summary: 'Billing address on receipts' }), rules)).toBeNull();
    expect(suggestWorkType(facts({ summary: 'The CI pipeline is slow' }), rules)?.workType).toBe('Enabling');
  });

  it('weighs a description word less than a summary word, and does not count a word twice', () => {
    const both = suggestWorkType(facts({ summary: 'Crash on upload', description: 'The crash started Monday.' }), rules);
    expect(both?.reasons).toEqual(['summary mentions crash']);
    // One description word alone (0.5) is too little evidence to suggest anything.
    expect(suggestWorkType(facts({ description: 'We should migrate eventually.' }), rules)).toBeNull();
  });

  it('takes the origin: quick-fix signal → Corrective, roadmap signal or discovery note → Innovative', () => {
    expect(suggestWorkType(facts({ origin: { signalRoutes: ['quick-fix'], fromDiscoveryNote: false } }), rules)).toMatchObject({
      workType: 'Corrective',
      reasons: ['came from a quick-fix signal'],
    });
    expect(suggestWorkType(facts({ origin: { signalRoutes: ['roadmap'], fromDiscoveryNote: true } }), rules)).toMatchObject({
      workType: 'Innovative',
      reasons: ['came from a roadmap signal', 'came from a discovery note'],
    });
    expect(suggestWorkType(facts({ origin: { signalRoutes: ['parking-lot'], fromDiscoveryNote: false } }), rules)).toBeNull();
  });

  it("takes the parent's work type when set, else only its summary words", () => {
    expect(suggestWorkType(facts({ parent: { summary: 'Card vault', workType: 'Enabling' } }), rules)).toMatchObject({
      workType: 'Enabling',
      reasons: ['parent is Enabling'],
    });
    // A parent summary word alone (0.5) is context, not enough to suggest.
    expect(suggestWorkType(facts({ parent: { summary: 'Migrate the vault', workType: null } }), rules)).toBeNull();
    expect(
      suggestWorkType(facts({ summary: 'Move keys', parent: { summary: 'Migrate the vault', workType: null }, labels: ['ci'] }), rules)?.reasons,
    ).toEqual(['label `ci`', "parent's summary mentions migrate"]);
  });

  it('returns null when nothing matches', () => {
    expect(suggestWorkType(facts(), rules)).toBeNull();
  });
});

describe('suggestWorkType: conflicts and confidence', () => {
  it('picks the heaviest work type, with confidence = its share, and lists what pointed elsewhere', () => {
    const s = suggestWorkType(facts({ issueType: 'Bug', labels: ['ux'] }), rules);
    expect(s).toEqual({ workType: 'Corrective', confidence: 0.6, reasons: ['Bug issue type', 'but label `ux` (Innovative)'] });
  });

  it('returns null on a tie rather than presenting a coin flip', () => {
    expect(suggestWorkType(facts({ labels: ['ux', 'tech-debt'] }), rules)).toBeNull();
  });

  it('orders reasons strongest first', () => {
    const s = suggestWorkType(facts({ issueType: 'Bug', summary: 'Payout fails', labels: ['customer-reported'] }), rules);
    expect(s?.reasons).toEqual(['Bug issue type', 'label `customer-reported`', 'summary mentions fails']);
    expect(s?.confidence).toBe(1);
  });

  it('follows custom rules an admin saved', () => {
    const custom: SuggestionRules = { issueTypes: { Spike: 'Enabling' }, labels: {}, keywords: { 'e-invoicing': 'Innovative' } };
    expect(suggestWorkType(facts({ issueType: 'Spike' }), custom)?.workType).toBe('Enabling');
    expect(suggestWorkType(facts({ summary: 'Peppol e-invoicing for Belgium' }), custom)?.workType).toBe('Innovative');
    expect(suggestWorkType(facts({ issueType: 'Bug' }), custom)).toBeNull();
  });

  it('treats regex characters in keywords literally', () => {
    const custom: SuggestionRules = { issueTypes: {}, labels: {}, keywords: { 'c++': 'Enabling', '(.*)': 'Corrective' } };
    expect(suggestWorkType(facts({ summary: 'Upgrade c++ toolchain' }), custom)?.workType).toBe('Enabling');
    expect(suggestWorkType(facts({ summary: 'anything at all' }), custom)).toBeNull();
  });
});

describe('DEFAULT_SUGGESTION_RULES', () => {
  it('are valid by the contract an admin saves through', () => {
    expect(suggestionRulesSchema.safeParse(DEFAULT_SUGGESTION_RULES).success).toBe(true);
  });
});
