// CLI: single sign-on — the configured OpenID providers and the association's rules per e-mail domain
// (the same use cases as Administration → Inloggning).
import type { Command } from 'commander';
import { configFromEnv } from '../config.ts';
import { AppError } from '../domain/errors.ts';
import type { DomainRule } from '../domain/identity/policy.ts';
import { domainRuleSchema } from '../domain/identity/schema.ts';
import { deleteSignInDomain, saveSignInDomain } from '../identity/domain-rules.ts';
import { domainRuleAssociation, listDomainRules } from '../store/identity.ts';
import { ASSOCIATION_HELP, associationOf } from './args.ts';
import { CliError, print, validated, withDb } from './index.ts';

const ruleText = (r: DomainRule) =>
  `${r.domain.padEnd(28)} ${r.provisioning === 'create' ? 'skapa läsare' : 'neka okända '}  ${(r.municipalityCode ?? '–').padEnd(6)} lösenord ${r.passwordSignIn ? 'tillåtet' : 'avstängt'}`;

/** A use case's refusal (unknown municipality, no such rule) as the CLI's error. */
async function cli<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AppError) throw new CliError(e.message);
    throw e;
  }
}

export function registerSsoCommands(program: Command): void {
  const sso = program.command('sso').description('Inloggning med organisationens konto (OpenID Connect) och reglerna per e-postdomän');

  sso
    .command('providers')
    .description('Identitetsleverantörerna i miljön (SAMVERKA_OIDC_…), utan hemligheter')
    .option('--json', 'skriv ut som JSON')
    .action((opts: { json?: boolean }) => {
      const providers = configFromEnv().oidcProviders.map((p) => ({ id: p.id, label: p.label, issuer: p.issuer, clientId: p.clientId }));
      print(providers, !!opts.json, () =>
        providers.length ? providers.map((p) => `${p.id.padEnd(12)} ${p.issuer}  (klient ${p.clientId}) – "${p.label}"`).join('\n') : 'Ingen identitetsleverantör är konfigurerad.',
      );
    });

  const domains = sso.command('domains').description('Reglerna per e-postdomän: okända användare nekas eller skapas som läsare; lösenord av eller på');

  domains
    .command('list')
    .description('Visa förbundets regler')
    .option('--association <förbund>', ASSOCIATION_HELP)
    .option('--json', 'skriv ut som JSON')
    .action(async (opts: { association?: string; json?: boolean }) => {
      const rules = await withDb(async (db) => listDomainRules(db, (await associationOf(db, opts.association)).id));
      print(rules, !!opts.json, () => (rules.length ? rules.map(ruleText).join('\n') : 'Inga domänregler: okända användare nekas.'));
    });

  domains
    .command('set')
    .description('Spara regeln för en domän')
    .argument('<domän>', 'e-postdomänen, t.ex. mellerud.se (gäller även underdomäner)')
    .requiredOption('--provisioning <create|refuse>', 'create: okända användare skapas som läsare; refuse: de nekas')
    .option('--municipality <scb>', 'kommunen som äger domänen (nya konton kopplas till den)')
    .option('--no-password', 'stäng av lösenordsinloggning för domänens konton')
    .option('--association <förbund>', `förbundet en ny regel hör till (en befintlig regel behåller sitt): ${ASSOCIATION_HELP}`)
    .option('--json', 'skriv ut som JSON')
    .action(async (domain: string, opts: { provisioning: string; municipality?: string; password: boolean; association?: string; json?: boolean }) => {
      const rule = validated(domainRuleSchema, { domain, provisioning: opts.provisioning, municipalityCode: opts.municipality ?? null, passwordSignIn: opts.password });
      const saved = await withDb(async (db) => {
        const a = await associationOf(db, opts.association);
        const owner = await domainRuleAssociation(db, rule.domain);
        if (owner !== null && owner !== a.id) throw new CliError(`Domänen ${rule.domain} har en regel i ett annat kommunalförbund; ange det med --association`);
        return cli(() => saveSignInDomain(db, rule, { id: null, associationId: a.id }));
      });
      print(saved, !!opts.json, () => `Sparad: ${ruleText(saved)}`);
    });

  domains
    .command('remove')
    .description('Ta bort regeln för en domän')
    .argument('<domän>', 'e-postdomänen')
    .option('--association <förbund>', ASSOCIATION_HELP)
    .action(async (domain: string, opts: { association?: string }) => {
      await withDb(async (db) => {
        const d = domain.trim().toLowerCase();
        const a = await associationOf(db, opts.association);
        if ((await domainRuleAssociation(db, d)) !== a.id) throw new CliError(`${a.name} har ingen regel för domänen ${d}`);
        await cli(() => deleteSignInDomain(db, d, { id: null }));
      });
      process.stdout.write(`Regeln för ${domain} är borttagen.\n`);
    });
}
