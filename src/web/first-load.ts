// What the pages that are opened first need (issue 15): the results page's data and the respondent's
// form are asked for as soon as the app's code runs (routes.tsx startPage), in parallel with the page's
// chunk, instead of after the chunk has loaded and rendered (and, for a signed-in page, after
// /api/auth/me). The pages read the same calls: the results page through TanStack Query with the same
// cache key, the respondent form by taking the call started here. Endpoints by method and path (lite):
// no contract schema, no zod in the shell.
import type * as analysis from '../contracts/analysis.ts';
import type * as answers from '../contracts/answers.ts';
import type { ResponseOf } from '../contracts/endpoint.ts';
import type * as organisation from '../contracts/organisation.ts';
import { call, endpointUrl, lite } from './api.ts';
import { queryClient, queryKeyOf } from './query.ts';

export const listAnalysisRounds = lite<typeof analysis.listAnalysisRounds>('GET', '/api/analysis/rounds');
export const regionalAnalysis = lite<typeof analysis.regionalAnalysis>('GET', '/api/rounds/:id/analysis');
export const listMunicipalities = lite<typeof organisation.listMunicipalities>('GET', '/api/municipalities');
export const getRespondentForm = lite<typeof answers.getRespondentForm>('GET', '/api/r/:token');

/** The filters (and measure) of an address's query as the analysis endpoints take them. */
export const filterInput = (q: URLSearchParams) => ({
  respondentType: q.get('respondentType') ?? undefined,
  area: q.get('area') ?? undefined,
  measure: q.get('measure') ?? undefined,
});

/** The regional overview's call: the address's filters, the large figures deferred (fetched when scrolled to). */
export const regionalInput = (id: string, q: URLSearchParams) => ({ params: { id }, query: { ...filterInput(q), defer: 'true' as const } });

/** How long data asked for early counts as fresh: the page that mounts soon after does not ask again. */
const EARLY_FRESH_MS = 30_000;

function prefetch<E extends Parameters<typeof call>[0]>(ep: E, input: Record<string, unknown> | undefined) {
  const queryKey = queryKeyOf(ep, input as never);
  queryClient.setQueryDefaults(queryKey, { staleTime: EARLY_FRESH_MS });
  void queryClient.prefetchQuery({ queryKey, queryFn: () => (call as (e: E, i: unknown) => Promise<unknown>)(ep, input), staleTime: EARLY_FRESH_MS });
}

/**
 * The regional results page's data (its view, the rounds it can be compared with, the municipalities'
 * names), asked for once the session is known to be one that may open the page.
 */
export function prefetchRegionalResults(id: string, q: URLSearchParams): void {
  prefetch(regionalAnalysis, regionalInput(id, q));
  prefetch(listAnalysisRounds, undefined);
  prefetch(listMunicipalities, undefined);
}

type RespondentFormAnswer = ResponseOf<typeof getRespondentForm>;
const earlyForms = new Map<string, Promise<RespondentFormAnswer>>();

/** Asks for a respondent's form (the link is public: no session needed). */
export function prefetchRespondentForm(token: string): void {
  const url = endpointUrl(getRespondentForm, { params: { token } });
  if (earlyForms.has(url)) return;
  const p = call(getRespondentForm, { params: { token } });
  // Handled by the page that takes it; never an unhandled rejection if no page does.
  p.catch(() => undefined);
  earlyForms.set(url, p);
}

/** The respondent's form: the call started early if there is one (taken once), else a new call. */
export function respondentForm(token: string): Promise<RespondentFormAnswer> {
  const url = endpointUrl(getRespondentForm, { params: { token } });
  const early = earlyForms.get(url);
  earlyForms.delete(url);
  return early ?? call(getRespondentForm, { params: { token } });
}
