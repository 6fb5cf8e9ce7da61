import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Layout } from './components/Layout.tsx';
import { Loading } from './components/ui.tsx';
import { I18nProvider } from './i18n.tsx';
import { NotFoundPage } from './pages/home.tsx';
import { privateRoutes, publicRoutes } from './routes.tsx';
import { SessionProvider, useSession } from './session.tsx';
import './styles.css';

function RequireUser({ children }: { children: ReactNode }) {
  const { user, loading } = useSession();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!user) return <Navigate to="/logga-in" replace state={{ from: location.pathname }} />;
  return <>{children}</>;
}

function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        {publicRoutes.map((r) => (
          <Route key={r.path} path={r.path} element={r.element} />
        ))}
        {privateRoutes.map((r) => (
          <Route key={r.path} path={r.path} element={<RequireUser>{r.element}</RequireUser>} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <SessionProvider>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </SessionProvider>
    </I18nProvider>
  </StrictMode>,
);
