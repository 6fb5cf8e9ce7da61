// Administration → Konton: the association's accounts (and the region's analysts) with their status, role, association and municipalities; invitations instead
// of typed passwords; deactivation and role changes with a reason (user-dialogs.tsx).
import { useState } from 'react';
import { listUsers, resendInvitation } from '../../../contracts/accounts.ts';
import { ACCOUNT_STATE_LABELS } from '../../../domain/identity/policy.ts';
import { useAction, useMunicipalities } from '../../components/hooks.ts';
import { ActionMessages, AsyncView, DataTable, Page } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useEndpoint, useEndpointMutation } from '../../query.ts';
import { ROLE_LABEL, useSession, type User } from '../../session.tsx';
import { AccountDialog, type AccountChange } from './user-dialogs.tsx';
import { InviteForm } from './user-forms.tsx';

const day = (iso: string) => new Date(iso).toLocaleDateString('sv-SE');

export function UsersPage() {
  const { t } = useI18n();
  const { user: me } = useSession();
  const users = useEndpoint(listUsers, undefined);
  const { nameOf } = useMunicipalities();
  const resend = useEndpointMutation(resendInvitation);
  const action = useAction();
  const [change, setChange] = useState<AccountChange>();

  const resendTo = (u: User) =>
    action.run(async () => {
      const r = await resend.mutateAsync({ params: { id: u.id } });
      return t('En ny inbjudan är skickad till {email}; den gamla länken gäller inte längre. Den nya gäller till {date}.', { email: u.email, date: day(r.expiresAt) });
    });
  const who = (u: User) => <span className="visually-hidden"> {u.name}</span>;

  return (
    <Page title={t('Konton')}>
      <ActionMessages action={action} />
      <AsyncView state={users}>
        {(d) => {
          const invitation = new Map(d.invitations.map((i) => [i.userId, i]));
          const associationName = new Map(d.associations.map((a) => [a.id, a.name]));
          return (
            <DataTable caption={t('Konton')} columns={[t('Namn'), t('E-postadress'), t('Roll'), t('Förbund'), t('Kommuner'), t('Status'), t('Åtgärder')]}>
              <tbody>
                {d.users.map((u) => {
                  const inv = invitation.get(u.id);
                  const expired = inv && !inv.acceptedAt && !inv.revokedAt && new Date(inv.expiresAt).getTime() < Date.now();
                  return (
                    <tr key={u.id}>
                      <th scope="row">
                        {u.name} {u.isDemo && <span className="tag">DEMO</span>}
                      </th>
                      <td>{u.email}</td>
                      <td>{t(ROLE_LABEL[u.role])}</td>
                      <td>{u.associationId === null ? t('Regionen (inget förbund)') : (associationName.get(u.associationId) ?? '–')}</td>
                      <td>{u.municipalities.map(nameOf).join(', ') || '–'}</td>
                      <td>
                        {t(ACCOUNT_STATE_LABELS[u.status])}
                        {u.status === 'invited' && inv && (
                          <> ({expired ? t('länken har gått ut') : t('länken gäller till {date}', { date: day(inv.expiresAt) })})</>
                        )}
                        {u.ssoProviders.length > 0 && <> <span className="tag">SSO</span></>}
                        {u.totpEnabled && <> <span className="tag">{t('Tvåsteg')}</span></>}
                      </td>
                      <td>
                        <div className="button-row">
                          {u.status !== 'deactivated' && u.id !== me?.id && (
                            <button type="button" className="secondary" onClick={() => setChange({ kind: 'permissions', user: u })}>
                              {t('Ändra roll')}
                              {who(u)}
                            </button>
                          )}
                          {u.status === 'invited' && (
                            <>
                              <button type="button" className="secondary" aria-disabled={action.busy || undefined} onClick={() => !action.busy && void resendTo(u)}>
                                {t('Skicka igen')}
                                {who(u)}
                              </button>
                              <button type="button" className="secondary" onClick={() => setChange({ kind: 'revoke', user: u })}>
                                {t('Återkalla')}
                                {who(u)}
                              </button>
                            </>
                          )}
                          {u.status === 'active' && u.id !== me?.id && (
                            <button type="button" className="secondary" onClick={() => setChange({ kind: 'deactivate', user: u })}>
                              {t('Avaktivera')}
                              {who(u)}
                            </button>
                          )}
                          {u.totpEnabled && u.id !== me?.id && (
                            <button type="button" className="secondary" onClick={() => setChange({ kind: 'totp-reset', user: u })}>
                              {t('Nollställ tvåsteg')}
                              {who(u)}
                            </button>
                          )}
                          {u.status === 'deactivated' && (
                            <button type="button" className="secondary" onClick={() => setChange({ kind: 'reactivate', user: u })}>
                              {t('Återaktivera')}
                              {who(u)}
                            </button>
                          )}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </DataTable>
          );
        }}
      </AsyncView>
      {change && (
        <AccountDialog
          change={change}
          onClose={() => setChange(undefined)}
          onDone={(m) => {
            setChange(undefined);
            action.setMsg(m);
          }}
        />
      )}
      <InviteForm />
    </Page>
  );
}
