/** How the Platform team names its work: clusters, databases, CI, alerting, incidents. */
import type { ProjectVocabulary } from './phrasebook';

export const PLATFORM_VOCABULARY: ProjectVocabulary = {
  epics: [
    { summary: 'Ledger database on Postgres 16', workType: 'Enabling' },
    { summary: 'Month-end close without pages', workType: 'Corrective' },
  ],
  byKind: {
    Enabling: {
      phrases: [
        { summary: 'Upgrade Node runtime to 22 for the ledger service', type: 'Task', labels: ['tech-debt'] },
        { summary: 'Upgrade the Kubernetes clusters to 1.30', type: 'Task' },
        { summary: 'Move Terraform state to the new S3 backend', type: 'Task', labels: ['migration'] },
        { summary: 'Migrate the ledger database to Postgres 16', type: 'Task', labels: ['migration'] },
        { summary: 'Rotate the TLS certificates for the public API', type: 'Task', labels: ['security'] },
        { summary: 'SLO dashboards for the public API', type: 'Task' },
        { summary: 'Cut the shared CI runner queue time', type: 'Task', labels: ['performance'] },
        { summary: 'Replace the self-hosted Redis with the managed service', type: 'Task', labels: ['migration'] },
        { summary: 'Renovate: auto-merge patch updates for internal services', type: 'Task', labels: ['tech-debt'] },
        { summary: 'Enforce SSO for the AWS console', type: 'Task', labels: ['security'] },
        { summary: 'Disaster recovery runbook for the ledger database', type: 'Task' },
        { summary: "Restore test: recover yesterday's ledger backup to staging", type: 'Task' },
        { summary: 'Tag all AWS resources with owning team and cost centre', type: 'Task' },
        { summary: 'Decommission the old staging cluster', type: 'Task', labels: ['tech-debt'] },
        { summary: 'Move secrets from environment files to the vault', type: 'Task', labels: ['security', 'migration'] },
      ],
      templates: [
        {
          type: 'Task',
          labels: ['tech-debt'],
          parts: [['Upgrade'], ['ingress-nginx', 'cert-manager', 'the Terraform AWS provider', 'Grafana', 'the base Docker images', 'Postgres to the latest minor version'], ['on staging', 'on production', 'in the EU region', 'in the US region']],
        },
        {
          type: 'Task',
          parts: [['Alert on'], ['disk usage', 'replication lag', 'queue depth', 'certificate expiry', 'error budget burn'], ['for the ledger database', 'for the job queue', 'for the API gateway', 'for the Kafka cluster']],
        },
      ],
    },
    Corrective: {
      phrases: [
        { summary: 'Ledger service pods OOM-killed during month-end close', type: 'Bug', labels: ['performance'] },
        { summary: 'Nightly backup job silently skips the reporting replica', type: 'Bug' },
        { summary: 'Deploy pipeline hangs when the migration step times out', type: 'Bug' },
        { summary: 'Staging database fills its disk every Sunday', type: 'Bug' },
        { summary: 'Alertmanager pages twice for the same incident', type: 'Bug' },
        { summary: 'Public API returned 502s for 14 minutes after the load balancer change', type: 'Bug', labels: ['customer-reported'] },
        { summary: 'Log shipping drops lines longer than 16 KB', type: 'Bug' },
        { summary: 'Clock drift on the job queue workers delays payouts', type: 'Bug' },
      ],
      templates: [
        {
          type: 'Task',
          parts: [['Incident follow-up:'], ['add a circuit breaker', 'fix the health check', 'raise the connection limit', 'pin the DNS resolver', 'cap the retry storm'], ['in the API gateway', 'in the ledger service', 'in the job queue workers']],
        },
      ],
    },
    Innovative: {
      phrases: [
        { summary: 'Preview environments for every pull request', type: 'Story' },
        { summary: 'Slack command that says who is on call', type: 'Story' },
        { summary: 'Cloud cost dashboard per product team', type: 'Story' },
        { summary: 'Developer portal with service owners and runbooks', type: 'Story' },
        { summary: 'Self-service read replicas for analytics', type: 'Story' },
      ],
      templates: [],
    },
  },
};
