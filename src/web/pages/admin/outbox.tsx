// Administration → Utkorg: every e-mail samverka made.
import { listOutbox } from '../../../contracts/accounts.ts';
import { AsyncView, Page } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useEndpoint } from '../../query.ts';
export function OutboxPage() {
  const { t } = useI18n();
  const state = useEndpoint(listOutbox, undefined);
  return (
    <Page title={t('Utkorg')}>
      <p>{t('Alla e-postmeddelanden som samverka skapar. Utan SMTP-inställningar skickas de inte utan kan läsas här.')}</p>
      <AsyncView state={state}>
        {(d) =>
          d.messages.length === 0 ? (
            <p>{t('Utkorgen är tom.')}</p>
          ) : (
            d.messages.map((m) => (
              <article key={m.id} className="card">
                <h2>{m.subject}</h2>
                <p>
                  {t('Till')}: {m.to_address} · {new Date(m.created_at).toLocaleString('sv-SE')} ·{' '}
                  {m.sent_at ? t('Skickat') : t('Inte skickat (utkorg)')}
                </p>
                <pre>{m.body}</pre>
              </article>
            ))
          )
        }
      </AsyncView>
    </Page>
  );
}
