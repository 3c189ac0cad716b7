import '@mantine/core/styles.css';
import './app.css';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Component, type ComponentType, type ReactNode, StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, type RouteObject, useLocation, useRoutes } from 'react-router';
import { ApiError, whenUnauthorized } from './api/client';
import { ErrorState, Loading } from './components/States';
import { forgetSignIn, SESSION_KEY } from './lib/session';
import { routes } from './routes';
import { cssVariablesResolver, theme } from './theme';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A 4xx will not get better by asking again.
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});
whenUnauthorized(() => {
  forgetSignIn();
  queryClient.setQueryData(SESSION_KEY, null);
});

/** A page that failed to load or render shows the error in place; another page clears it. */
class PageErrorBoundary extends Component<
  { pathname: string; children: ReactNode },
  { error: unknown; at: string | null }
> {
  override state = { error: null as unknown, at: null as string | null };
  static getDerivedStateFromError(error: unknown) {
    return { error, at: null };
  }
  static getDerivedStateFromProps(
    props: { pathname: string },
    state: { error: unknown; at: string | null },
  ): Partial<{ error: unknown; at: string | null }> | null {
    if (state.error === null) return null;
    if (state.at === null) return { at: props.pathname };
    return state.at === props.pathname ? null : { error: null, at: null };
  }
  override render() {
    if (this.state.error === null) return this.props.children;
    // A chunk that no longer exists (the app was updated) loads again with the page.
    return <ErrorState error={this.state.error} onRetry={() => window.location.reload()} />;
  }
}

function PageBoundary({ children }: { children: ReactNode }) {
  return <PageErrorBoundary pathname={useLocation().pathname}>{children}</PageErrorBoundary>;
}

type LazyModule = { Component?: ComponentType | null };

/**
 * A page whose code loads on first use. Not React.lazy: a Suspense boundary reveals its content
 * at most every 300 ms (React 19 throttles reveals), and the layout and the page are two boundaries,
 * which held back every first paint by about 0.6 s. This shows the fallback until the module is
 * there and then the page, with no throttle; a failed load is thrown to the page's error boundary.
 */
function lazyPage(name: string, load: () => Promise<LazyModule>, Fallback: ComponentType): ComponentType {
  let Loaded: ComponentType | null = null;
  let failed: unknown = null;
  let pending: Promise<void> | null = null;
  const start = () => {
    pending ??= load().then(
      (m) => {
        if (!m.Component) throw new Error(`route ${name} has no component`);
        Loaded = m.Component;
      },
      (error: unknown) => {
        failed = error;
      },
    );
    return pending;
  };
  return function LazyPage() {
    const [, rendered] = useState(0);
    useEffect(() => {
      if (!Loaded && !failed) void start().then(() => rendered((n) => n + 1));
    }, []);
    if (failed) throw failed;
    return Loaded ? <Loaded /> : <Fallback />;
  };
}

/**
 * The route table with each `lazy` route turned into a lazily loaded element. The declarative
 * router is about half the size of the data router, and no page uses loaders or actions: the
 * pages load their data with TanStack Query.
 */
function withLazyElements(table: RouteObject[]): RouteObject[] {
  return table.map((route) => {
    const {
      lazy: load,
      HydrateFallback,
      children,
      ...rest
    } = route as RouteObject & {
      lazy?: () => Promise<LazyModule>;
    };
    const Fallback = HydrateFallback ?? Loading;
    let element = rest.element;
    if (typeof load === 'function') {
      const Page = lazyPage(route.path ?? '(layout)', load, Fallback);
      element = (
        <PageBoundary>
          <Page />
        </PageBoundary>
      );
    }
    return { ...rest, element, ...(children && { children: withLazyElements(children) }) } as RouteObject;
  });
}

const table = withLazyElements(routes);

function App() {
  return useRoutes(table);
}

const root = document.getElementById('root');
if (!root) throw new Error('no #root element');
createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
