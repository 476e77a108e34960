/**
 * The routing dialog: opened by a route's key (e q p d u) on the focused cluster or the selected ones, or on one
 * signal in an open cluster (then that signal is split off into a cluster of its own, which is routed). It asks
 * the rationale (required, with its limit shown) and what the route needs: Roadmap an epic to link (searched in
 * a project) or one to create; Quick fix a project the lead can create issues in and whether the issue goes
 * straight into the next sprint; Duplicate the cluster it duplicates (never itself); Declined a reason.
 *
 * - Checked with the contract's own schema before sending, so the messages are the server's.
 * - `conflict` (another lead decided first, or a signal joined): the dialog stays open with what stands now, the
 *   clusters at their current versions, and everything typed kept; routing again decides on what is shown. A
 *   signal whose split went through but whose routing did not is routed again as the cluster it now is.
 * - Ctrl+Enter (⌘+Enter) routes; Esc closes.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import Modal, { ModalBody, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import SectionMessage from '@atlaskit/section-message';
import type { ClusterSummary, InboxSignal, ResolverInput, ResolverOutput } from '../../../../src/contract';
import { routeInputSchema } from '../../../../src/contract/signals';
import { RATIONALE_MAX_CHARS } from '../../../../src/domain/routing';
import { SIGNAL_ROUTES, type SignalRoute } from '../../../../src/domain/signals';
import { asResolverCallError, callResolver, type ResolverCallError } from '../../api';
import { DialogFooter } from '../../ui/DialogFooter';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { plural, timeAgo } from '../../ui/format';
import { ROUTE_HINTS, ROUTE_LABELS, routeLabel } from './route-words';
import { ROUTE_KEYS } from './inbox-keys';
import { signalInWords } from './signal-words';
import './csv-share.css';

type RouteResult = ResolverOutput<'signals.route'>['results'][number];
type Epic = ResolverOutput<'signals.epics'>['epics'][number];

export interface RouteDialogProps {
  projectKey: string;
  route: SignalRoute;
  targets: readonly ClusterSummary[];
  /** The clusters loaded in the tab: what a duplicate may name. */
  candidates: readonly ClusterSummary[];
  /** One signal of the (single) target cluster to route on its own: it is split off into a cluster of its own first. */
  signal?: InboxSignal | null;
  onClose: () => void;
  /** Some or all targets were decided: they leave the tab (the dialog closes when none is left). */
  onDecided: (decided: readonly RouteResult[]) => void;
}

const EPIC_SEARCH_PAUSE_MS = 300;

function usePauseValue<T>(value: T, ms: number): T {
  const [paused, setPaused] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setPaused(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return paused;
}

export default function RouteDialog({ projectKey, route: initialRoute, targets: initialTargets, candidates, signal: initialSignal = null, onClose, onDecided }: RouteDialogProps) {
  const id = useId();
  const [route, setRoute] = useState<SignalRoute>(initialRoute);
  const [targets, setTargets] = useState<ClusterSummary[]>([...initialTargets]);
  // Dropped once its split went through (the conflict then names its own cluster): from then on that cluster is routed.
  const [signal, setSignal] = useState<InboxSignal | null>(initialSignal);
  // The only signal of its cluster is routed as that cluster: splitting it out would leave an empty one behind.
  const splitting = signal !== null && (targets[0]?.signalCount ?? 0) > 1;
  const [rationale, setRationale] = useState('');
  const [project, setProject] = useState(projectKey);
  const [intoNextSprint, setIntoNextSprint] = useState(false);
  const [epicMode, setEpicMode] = useState<'existing' | 'create'>('existing');
  const [epicKey, setEpicKey] = useState('');
  const [epicQuery, setEpicQuery] = useState('');
  const [epicSummary, setEpicSummary] = useState((initialSignal?.text ?? initialTargets[0]?.title ?? '').trim().slice(0, 255));
  const [duplicateOf, setDuplicateOf] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ResolverCallError | null>(null);
  const [conflicts, setConflicts] = useState<RouteResult[]>([]);
  const [sending, setSending] = useState(false);

  const needsProject = route === 'quick-fix' || (route === 'roadmap' && epicMode === 'create');
  const [projects, setProjects] = useState<{ state: 'idle' | 'loading' | 'ready' | 'failed'; list: Array<{ key: string; name: string }>; error?: ResolverCallError }>({ state: 'idle', list: [] });
  useEffect(() => {
    if ((route !== 'quick-fix' && route !== 'roadmap') || projects.state !== 'idle') return;
    setProjects({ state: 'loading', list: [] });
    callResolver('signals.routeProjects', { projectKey }).then(
      ({ projects: list }) => {
        setProjects({ state: 'ready', list });
        // The page's own project first, when the lead can create there; otherwise the first they can.
        if (!list.some((p) => p.key === projectKey) && list[0]) setProject(list[0].key);
      },
      (caught: unknown) => setProjects({ state: 'failed', list: [], error: asResolverCallError(caught) }),
    );
  }, [route, projectKey, projects.state]);

  const [epics, setEpics] = useState<{ state: 'idle' | 'loading' | 'ready' | 'failed'; list: Epic[]; error?: string }>({ state: 'idle', list: [] });
  const searched = usePauseValue(`${project}\u0000${epicQuery.trim()}`, EPIC_SEARCH_PAUSE_MS);
  useEffect(() => {
    if (route !== 'roadmap' || epicMode !== 'existing') return;
    const [inProject, query] = searched.split('\u0000') as [string, string];
    let current = true;
    setEpics((e) => ({ ...e, state: 'loading' }));
    callResolver('signals.epics', { projectKey, inProject, query }).then(
      ({ epics: list }) => current && setEpics({ state: 'ready', list }),
      (caught: unknown) => current && setEpics({ state: 'failed', list: [], error: asResolverCallError(caught).message }),
    );
    return () => {
      current = false;
    };
  }, [route, epicMode, searched, projectKey]);

  const targetIds = useMemo(() => new Set(targets.map((t) => t.id)), [targets]);
  const duplicateChoices = candidates.filter((c) => !targetIds.has(c.id));

  const input = (): ResolverInput<'signals.route'> => ({
    projectKey,
    targets: targets.map((t) => ({ clusterId: t.id, version: t.version, ...(splitting && signal ? { signalId: signal.id } : {}) })),
    route,
    rationale,
    ...(route === 'roadmap' ? { roadmap: epicMode === 'existing' ? { epicKey } : { create: { projectKey: project, summary: epicSummary } } } : {}),
    ...(route === 'quick-fix' ? { quickFix: { projectKey: project, intoNextSprint } } : {}),
    ...(route === 'duplicate' ? { duplicateOf: { clusterId: duplicateOf, version: candidates.find((c) => c.id === duplicateOf)?.version ?? 0 } } : {}),
  });

  const submit = async () => {
    if (sending) return;
    setFailure(null);
    const checked = routeInputSchema.safeParse(input());
    if (!checked.success) {
      const found: Record<string, string> = {};
      for (const issue of checked.error.issues) {
        const path = issue.path.map(String);
        const field = path[0] === 'roadmap' ? (epicMode === 'existing' ? 'epic' : path.includes('summary') ? 'summary' : 'project') : path[0] === 'quickFix' ? 'project' : (path[0] ?? 'form');
        found[field] ??= issue.message;
      }
      if (route === 'roadmap' && epicMode === 'existing' && !epicKey) found.epic = 'Choose the epic (or idea) these signals belong to, or create one.';
      if (route === 'duplicate' && !duplicateOf) found.duplicateOf = 'Choose the cluster this one duplicates.';
      setProblems(found);
      return;
    }
    setProblems({});
    setSending(true);
    try {
      const { results } = await callResolver('signals.route', checked.data);
      const decided = results.filter((r) => r.outcome === 'decided');
      const stuck = results.filter((r) => r.outcome !== 'decided');
      if (decided.length > 0) onDecided(decided);
      if (stuck.length === 0) return;
      if (signal) {
        // One signal: refused or in conflict before its split (its cluster as it is now), or split but not routed (its own cluster now).
        const r = stuck[0]!;
        if (r.clusterId !== targets[0]?.id) setSignal(null);
        if (r.current?.cluster) setTargets([r.current.cluster]);
        setConflicts(stuck);
        return;
      }
      // Keep only what is left to decide, each at the version it is at now: routing again decides on what is shown.
      setTargets((ts) =>
        ts
          .filter((t) => stuck.some((r) => r.clusterId === t.id))
          .map((t) => {
            const now = stuck.find((r) => r.clusterId === t.id)?.current?.cluster;
            return now ? { ...t, ...now } : t;
          }),
      );
      setConflicts(stuck);
    } catch (caught: unknown) {
      const error = asResolverCallError(caught);
      setFailure(error);
      if (error.fields) {
        const found: Record<string, string> = {};
        for (const [path, message] of Object.entries(error.fields)) {
          const field = path.startsWith('roadmap.epicKey') ? 'epic' : path.includes('projectKey') ? 'project' : path.split('.')[0]!;
          found[field] ??= message;
        }
        setProblems(found);
      }
    } finally {
      setSending(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  };

  const rationaleRef = useRef<HTMLTextAreaElement>(null);
  const what = signal ? signalInWords(signal) : targets.length === 1 ? `“${targets[0]!.title}”` : plural(targets.length, 'cluster');
  const fieldId = (name: string) => `${id}-${name}`;
  const label = (name: string, text: string, required = false) => (
    <label className="sig-label" htmlFor={fieldId(name)}>
      {text}
      {required && (
        <span className="sig-required" aria-hidden="true">
          *
        </span>
      )}
    </label>
  );
  const message = (name: string, hint?: string) =>
    problems[name] ? (
      <p className="sig-hint ro-error" id={fieldId(`${name}-message`)} role="alert" data-testid={`route-error-${name}`}>
        {problems[name]}
      </p>
    ) : hint ? (
      <p className="sig-hint" id={fieldId(`${name}-message`)}>
        {hint}
      </p>
    ) : null;

  const projectField = (
    <div className="sig-form">
      {label('project', route === 'quick-fix' ? 'Project for the Corrective issue' : 'Project for the new epic', true)}
      {projects.state === 'failed' ? (
        <ErrorMessage error={projects.error!} onRetry={() => setProjects({ state: 'idle', list: [] })} />
      ) : (
        <select
          id={fieldId('project')}
          className="ro-select"
          data-testid="route-project"
          value={project}
          disabled={projects.state !== 'ready'}
          onChange={(event) => setProject(event.currentTarget.value)}
          aria-describedby={fieldId('project-message')}
        >
          {projects.state !== 'ready' && <option value={project}>Loading the projects you can create issues in…</option>}
          {projects.list.map((p) => (
            <option key={p.key} value={p.key}>
              {p.name} ({p.key})
            </option>
          ))}
        </select>
      )}
      {projects.state === 'ready' && projects.list.length === 0
        ? message('project', 'You cannot create issues in any project. Ask a project admin for the Create Issues permission, or park the cluster for now.')
        : message('project', 'Only projects you can create issues in are listed.')}
    </div>
  );

  return (
    <Modal onClose={onClose} label={`Route ${what}`} testId="route-dialog" width="medium" shouldCloseOnOverlayClick={false} autoFocus={rationaleRef}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
        onKeyDown={onKeyDown}
        noValidate
      >
        <ModalHeader>
          <ModalTitle>
            Route {what}
          </ModalTitle>
        </ModalHeader>
        <ModalBody>
          <div className="ro-body">
            {signal && targets[0] && (
              <p className="sig-hint" data-testid="route-signal-note">
                {splitting ? `It leaves “${targets[0].title}” for a cluster of its own, which is routed; z undoes the split.` : `It is the only signal in “${targets[0].title}”: that cluster is routed.`}
              </p>
            )}
            <fieldset className="ro-routes">
              <legend className="sig-label">Route</legend>
              <div className="sig-radios" role="radiogroup">
                {SIGNAL_ROUTES.map((r) => (
                  <label key={r}>
                    <input type="radio" name={fieldId('route')} value={r} checked={route === r} onChange={() => setRoute(r)} data-testid={`route-option-${r}`} />
                    {ROUTE_LABELS[r]} <kbd>{ROUTE_KEYS.find((k) => k.route === r)?.key}</kbd>
                  </label>
                ))}
              </div>
              <p className="sig-hint">{ROUTE_HINTS[route]}</p>
            </fieldset>
            {conflicts.length > 0 && (
              <SectionMessage appearance="warning" title="Someone else decided first, or the cluster changed" testId="route-conflict">
                <ul className="ro-conflicts">
                  {conflicts.map((c) => (
                    <li key={`${c.clusterId}/${c.signalId ?? ''}`}>
                      <strong>{c.current?.cluster?.title ?? c.clusterId}</strong>:{' '}
                      {c.current?.decision ? (
                        <>
                          {routeLabel(c.current.decision.route)} by {c.current.decision.by} {timeAgo(c.current.decision.at)} — “{c.current.decision.rationale}”.{' '}
                        </>
                      ) : null}
                      {c.message}
                    </li>
                  ))}
                </ul>
                <p className="sig-hint">Your rationale and choices are kept below. Route again to decide on the cluster as it is now, or close to leave their decision standing.</p>
              </SectionMessage>
            )}
            {failure && !failure.fields && <ErrorMessage error={failure} onRetry={() => void submit()} />}
            <div className="sig-form">
              {label('rationale', route === 'declined' ? 'Reason for declining' : 'Rationale', true)}
              <textarea
                ref={rationaleRef}
                id={fieldId('rationale')}
                data-testid="route-rationale"
                className="sig-textarea"
                value={rationale}
                maxLength={RATIONALE_MAX_CHARS}
                onChange={(event) => setRationale(event.currentTarget.value)}
                aria-required="true"
                aria-invalid={Boolean(problems.rationale)}
                aria-describedby={`${fieldId('rationale-message')} ${fieldId('rationale-count')}`}
                placeholder={route === 'declined' ? 'Why not: the people who raised these signals will read it.' : 'Why here: the people who raised these signals will read it.'}
              />
              <div className="ro-count-row">
                {message('rationale', 'Kept with your name and the time. Ctrl+Enter routes.') ?? <span />}
                <span className="sig-hint" id={fieldId('rationale-count')} data-testid="route-rationale-count">
                  {rationale.length.toLocaleString('en')} / {RATIONALE_MAX_CHARS.toLocaleString('en')}
                </span>
              </div>
            </div>
            {route === 'quick-fix' && (
              <>
                {projectField}
                <label className="ro-check">
                  <input type="checkbox" checked={intoNextSprint} onChange={(event) => setIntoNextSprint(event.currentTarget.checked)} data-testid="route-next-sprint" />
                  Straight into the next sprint (the project board’s next future sprint; the backlog if it has none)
                </label>
              </>
            )}
            {route === 'roadmap' && (
              <>
                <div className="sig-radios" role="radiogroup" aria-label="Epic">
                  <label>
                    <input type="radio" name={fieldId('epic-mode')} checked={epicMode === 'existing'} onChange={() => setEpicMode('existing')} data-testid="route-epic-existing" />
                    Link to an existing epic or idea
                  </label>
                  <label>
                    <input type="radio" name={fieldId('epic-mode')} checked={epicMode === 'create'} onChange={() => setEpicMode('create')} data-testid="route-epic-create" />
                    Create an epic
                  </label>
                </div>
                {needsProject ? (
                  <>
                    {projectField}
                    <div className="sig-form">
                      {label('summary', 'Summary of the new epic', true)}
                      <input
                        id={fieldId('summary')}
                        className="ro-input"
                        data-testid="route-epic-summary"
                        value={epicSummary}
                        maxLength={255}
                        onChange={(event) => setEpicSummary(event.currentTarget.value)}
                        aria-invalid={Boolean(problems.summary)}
                      />
                      {message('summary')}
                    </div>
                  </>
                ) : (
                  <div className="sig-form">
                    {label('epic-search', 'Find the epic', true)}
                    <div className="ro-epic-search">
                      <select className="ro-select ro-narrow" aria-label="Project to search" value={project} onChange={(event) => setProject(event.currentTarget.value)} data-testid="route-epic-project">
                        {[{ key: projectKey, name: projectKey }, ...projects.list.filter((p) => p.key !== projectKey)].map((p) => (
                          <option key={p.key} value={p.key}>
                            {p.key}
                          </option>
                        ))}
                      </select>
                      <input
                        id={fieldId('epic-search')}
                        className="ro-input"
                        type="search"
                        data-testid="route-epic-search"
                        placeholder="Words of its summary, or its key"
                        value={epicQuery}
                        maxLength={100}
                        onChange={(event) => setEpicQuery(event.currentTarget.value)}
                      />
                    </div>
                    <div className="ro-epics" role="radiogroup" aria-label="Epics" data-testid="route-epics">
                      {epics.state === 'loading' && epics.list.length === 0 && <p className="sig-hint">Searching…</p>}
                      {epics.state === 'failed' && <p className="sig-hint ro-error">{epics.error}</p>}
                      {epics.state === 'ready' && epics.list.length === 0 && (
                        <p className="sig-hint">No epic or idea in {project} matches. Try other words, another project, or create an epic.</p>
                      )}
                      {epics.list.map((e) => (
                        <label key={e.key} className="ro-epic">
                          <input type="radio" name={fieldId('epic')} value={e.key} checked={epicKey === e.key} onChange={() => setEpicKey(e.key)} data-testid="route-epic-option" />
                          <span className="ro-epic-key">{e.key}</span> {e.summary}
                          <span className="sig-hint">
                            {' '}
                            {e.type}
                            {e.status ? ` · ${e.status}` : ''}
                          </span>
                        </label>
                      ))}
                    </div>
                    {message('epic')}
                  </div>
                )}
              </>
            )}
            {route === 'duplicate' && (
              <div className="sig-form">
                {label('duplicateOf', 'Duplicate of', true)}
                <select
                  id={fieldId('duplicateOf')}
                  className="ro-select"
                  data-testid="route-duplicate-of"
                  value={duplicateOf}
                  onChange={(event) => setDuplicateOf(event.currentTarget.value)}
                  aria-invalid={Boolean(problems.duplicateOf)}
                >
                  <option value="">Choose the cluster it duplicates…</option>
                  {duplicateChoices.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.title} ({plural(c.signalCount, 'signal')})
                    </option>
                  ))}
                </select>
                {message('duplicateOf', duplicateChoices.length === 0 ? 'No other cluster is loaded here: load more, or clear the filters.' : 'The clusters loaded on this tab; merging is undone with z.')}
              </div>
            )}
            {problems.targets && <p className="sig-hint ro-error">{problems.targets}</p>}
          </div>
        </ModalBody>
        <DialogFooter onCancel={onClose} submitLabel={conflicts.length > 0 ? 'Route again' : `Route to ${ROUTE_LABELS[route]}`} submitting={sending} submitTestId="route-submit" />
      </form>
    </Modal>
  );
}
