import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { Layout } from './components/Layout.tsx';
import { RequireRole, RouteBoundary } from './components/RouteShell.tsx';
import { I18nProvider, loadLang, storedLang } from './i18n.tsx';
import { notFoundPage, privateRoutes, publicRoutes, startPage } from './routes.tsx';
import { queryClient } from './query.ts';
import { SessionProvider, startSession } from './session.tsx';
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
        <Route path="*" element={notFoundPage} />
      </Route>
    </Routes>
  );
}

// The session, the page's chunk and its first data are asked for before anything renders (issue 15).
void startSession().catch(() => undefined);
startPage(window.location.pathname, window.location.search);

// The English texts first when English was chosen (Swedish, the default, when they cannot be loaded).
void loadLang(storedLang())
  .catch(() => undefined)
  .then(() =>
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
    ),
  );
