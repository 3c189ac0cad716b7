import { useQuery } from '@tanstack/react-query';

/**
 * Which API paths the server has, from its OpenAPI document: pages for capabilities still being
 * built (scheduling, records) say so plainly instead of failing.
 */
export function useApiPaths() {
  return useQuery({
    queryKey: ['openapi-paths'],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async (): Promise<string[]> => {
      const res = await fetch('/api/openapi.json', { credentials: 'same-origin' });
      if (!res.ok) return [];
      const doc = (await res.json()) as { paths?: Record<string, unknown> };
      return Object.keys(doc.paths ?? {});
    },
  });
}

export function hasPath(paths: string[] | undefined, pattern: RegExp): boolean {
  return !!paths?.some((p) => pattern.test(p));
}
