import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { Layout } from './components/Layout.tsx';
import { RequireRole, RouteBoundary } from './components/RouteShell.tsx';
import { I18nProvider } from './i18n.tsx';
import { NotFoundPage } from './pages/home.tsx';
import { privateRoutes, publicRoutes } from './routes.tsx';
import { queryClient } from './query.ts';
import { SessionProvider } from './session.tsx';
import './styles.css';

function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        {publicRoutes.map((r) => (
          <Route key={r.path} path={r.path} element={<RouteBoundary>{r.element}</RouteBoundary>} />
        ))}
        {privateRoutes.map((r) => (
          <Route
            key={r.path}
            path={r.path}
            element={
              <RouteBoundary>
                <RequireRole roles={r.roles}>{r.element}</RequireRole>
              </RouteBoundary>
            }
          />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <SessionProvider>
          <BrowserRouter>
            <App />
          </BrowserRouter>
        </SessionProvider>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
