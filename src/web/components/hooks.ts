// Hooks shared by the pages: running an action with its messages, the municipalities and the organisation.
import { useMemo, useState } from 'react';
import type * as organisation from '../../contracts/organisation.ts';
import { lite } from '../api.ts';
import { listMunicipalities } from '../first-load.ts';
import { useEndpoint } from '../query.ts';
import { useSession } from '../session.tsx';

const getOrganisation = lite<typeof organisation.getOrganisation>('GET', '/api/organisation');

/**
 * Runs a state-changing call: `busy` while it runs, its returned text as `msg`, what it threw as
 * `error` (with its text as `message`).
 */
export function useAction() {
  const [error, setError] = useState<unknown>();
  const [msg, setMsg] = useState<string>();
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<string | undefined | void>) => {
    setBusy(true);
    setError(undefined);
    setMsg(undefined);
    try {
      const m = await fn();
      if (m) setMsg(m);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const message = error instanceof Error ? error.message : error ? String(error) : undefined;
  return { error, message, msg, busy, run, setMsg, setError };
}

const NONE: never[] = [];

/** The municipalities (names and codes are public facts) sorted by name, and a code's name ('–' for none). */
export function useMunicipalities() {
  const state = useEndpoint(listMunicipalities, undefined);
  // In Swedish alphabetical order as the server sends them (no collator made in the browser as a page opens).
  const list = state.data?.municipalities ?? NONE;
  const names = useMemo(() => new Map(list.map((m) => [m.code, m.name])), [list]);
  const order = useMemo(() => new Map(list.map((m, i) => [m.code, i])), [list]);
  return {
    list,
    nameOf: (c: string | null | undefined) => (c ? (names.get(c) ?? c) : '–'),
    /** Municipality codes in the list's (Swedish alphabetical) order; unknown codes last. */
    sortCodes: (codes: readonly string[]) => [...codes].sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || (a < b ? -1 : 1)),
    loading: state.loading,
  };
}

/** The association's verksamhetsområden (with an id → name map) and other actors. */
export function useOrganisation() {
  const state = useEndpoint(getOrganisation, undefined);
  const areaNames = useMemo(() => new Map((state.data?.areas ?? []).map((a) => [a.id, a.name])), [state.data]);
  return { areas: state.data?.areas ?? [], actors: state.data?.actors ?? [], areaNames, loading: state.loading };
}

export function useIsAdmin() {
  const { user } = useSession();
  return user?.role === 'forbundsadmin';
}
