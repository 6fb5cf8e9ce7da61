// Server state through TanStack Query: a query per endpoint call (cached by its path and input), and
// mutations that refresh whatever is on screen when they succeed, so no page reloads by hand.
import { QueryClient, useMutation, useQuery, type UseQueryOptions } from '@tanstack/react-query';
import type { CallInput, EndpointDef, ResponseOf } from '../contracts/endpoint.ts';
import { ApiError, call, endpointUrl } from './api.ts';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not get better by asking again; a lost connection or a 503 may.
      retry: (count, e) => count < 2 && !(e instanceof ApiError && e.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

type Input<E extends EndpointDef> = {} extends CallInput<E> ? CallInput<E> | undefined : CallInput<E>;

/** The cache key of a call: its URL (path with parameters and query). */
export const queryKeyOf = <E extends EndpointDef>(ep: E, input: Input<E>) => [endpointUrl(ep, input as never)];

/**
 * Reads an endpoint. `input: null` waits (nothing to fetch yet). With `keep`, a new input keeps the
 * previous data on screen until the new arrives. `error` is the server's Swedish message.
 */
export function useEndpoint<E extends EndpointDef>(
  ep: E,
  input: Input<E> | null,
  opts: { keep?: boolean } & Pick<UseQueryOptions<ResponseOf<E>, Error>, 'refetchInterval' | 'staleTime'> = {},
) {
  const q = useQuery<ResponseOf<E>, Error>({
    queryKey: input === null ? [ep.path, 'waiting'] : queryKeyOf(ep, input),
    queryFn: () => (call as (e: E, i: unknown) => Promise<ResponseOf<E>>)(ep, input),
    enabled: input !== null,
    placeholderData: opts.keep ? (previous) => previous : undefined,
    refetchInterval: opts.refetchInterval,
    // Only when given: an explicit undefined would hide the query's own defaults (first-load.ts: data
    // asked for as the app started stays fresh for the page that mounts soon after).
    ...(opts.staleTime !== undefined ? { staleTime: opts.staleTime } : {}),
  });
  return { data: q.data, error: q.error?.message, loading: q.isPending && input !== null, fetching: q.isFetching, refetch: q.refetch };
}

/**
 * Changes something through an endpoint. On success every query on screen is fetched again (the
 * server's answer is the truth); `mutateAsync` resolves with the answer or rejects with an ApiError.
 */
export function useEndpointMutation<E extends EndpointDef>(ep: E) {
  return useMutation<ResponseOf<E>, Error, CallInput<E>>({
    mutationFn: (input) => (call as (e: E, i: unknown) => Promise<ResponseOf<E>>)(ep, input),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
