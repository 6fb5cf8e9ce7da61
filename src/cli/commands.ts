// Command groups of the capabilities built on the foundation (instruments, rounds,
// analysis, reports, initiatives). Each adds its own `register…` call here.
import type { Command } from 'commander';
import { registerAuditCommands } from './audit.ts';
import { registerInitiativeCommands } from './initiatives.ts';
import { registerFollowUpCommands } from './followup.ts';
import { registerAnalysisCommands } from './analysis.ts';
import { registerReportCommands } from './reports.ts';
import { registerRoundCommands } from './rounds.ts';
import { registerRespondentCommands } from './respondents.ts';
import { registerBackupCommands } from './backup.ts';
import { registerEconomicsCommands } from './economics.ts';
import { registerRiskCommands } from './risks.ts';
import { registerEconomicsImport } from './economics-import.ts';
import { registerTwoFactorCommands } from './two-factor.ts';
import { registerSsoCommands } from './sso.ts';
import { registerUserCommands } from './users.ts';
import { registerPublishedCommands } from './published.ts';
import { registerReferenceCommands } from './references.ts';

export function registerCommands(program: Command): void {
  registerRoundCommands(program);
  registerRespondentCommands(program);
  registerAnalysisCommands(program);
  registerInitiativeCommands(program);
  registerFollowUpCommands(program);
  registerReportCommands(program);
  registerBackupCommands(program);
  registerAuditCommands(program);
  // `economics` has options of its own (--year, --group, --json) and subcommands with the same names:
  // positional options let each command read the options written after it (the program has only --help).
  program.enablePositionalOptions();
  registerEconomicsImport(registerEconomicsCommands(program));
  registerRiskCommands(program);
  registerTwoFactorCommands(program);
  registerSsoCommands(program);
  registerUserCommands(program);
  registerPublishedCommands(program);
  registerReferenceCommands(program);
}
