/**
 * Each preset board's usual sign-offs (issue 14 item 4): EXAMPLES, like the presets' names and emails.
 * Not part of the presets themselves: a board that adds them to its standing orders file has every item
 * deferred that is not signed off in time, which boards and the demo running today have not agreed to.
 */
import type { SignOffRule } from '../schema';

const officer = (name: string, email: string) => ({ name, email });

export const PRESET_SIGN_OFFS = {
  // Cabinet-style council: s151 finance, legal, and the monitoring officer on the lawfulness of each report.
  'southampton-jcb': [
    {
      role: 'finance',
      officer: officer('Example Chief Finance Officer (s151)', 'finance@southampton.example.org'),
      workingDaysBeforeAgenda: 5,
    },
    {
      role: 'legal',
      officer: officer('Example Head of Legal Services', 'legal@southampton.example.org'),
      workingDaysBeforeAgenda: 5,
    },
    {
      role: 'monitoring-officer',
      officer: officer('Example Monitoring Officer', 'monitoring.officer@southampton.example.org'),
      workingDaysBeforeAgenda: 3,
    },
  ],
  // An advisory board (no delegated power): finance and legal comments on each report.
  'wiltshire-adult-jcb': [
    {
      role: 'finance',
      officer: officer('Example Director of Finance', 'finance@wiltshire.example.org'),
      workingDaysBeforeAgenda: 5,
    },
    {
      role: 'legal',
      officer: officer('Example Legal Adviser', 'legal@wiltshire.example.org'),
      workingDaysBeforeAgenda: 5,
    },
  ],
  // A joint committee: finance and the monitoring officer.
  'bath-nes-joint-committee': [
    {
      role: 'finance',
      officer: officer('Example Chief Finance Officer (s151)', 'finance@bathnes.example.org'),
      workingDaysBeforeAgenda: 5,
    },
    {
      role: 'monitoring-officer',
      officer: officer('Example Monitoring Officer', 'monitoring.officer@bathnes.example.org'),
      workingDaysBeforeAgenda: 3,
    },
  ],
} as const satisfies Record<string, SignOffRule[]>;
