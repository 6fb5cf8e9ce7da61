// How a stored instrument version is described to the strategist (the library and the round form).
import type { VersionState } from '../../domain/instruments/library.ts';

type T = (sv: string, vars?: Record<string, string | number>) => string;

/** Whether the version is used, built in or still a draft that can be changed. */
export function versionStatus(v: VersionState, t: T): string {
  if (v.usedBy > 0) return v.usedBy === 1 ? t('Används av 1 mätomgång') : t('Används av {n} mätomgångar', { n: v.usedBy });
  if (v.source === 'builtin') return t('Inbyggd, används inte ännu');
  return t('Utkast – kan ändras');
}
