// Administration → Konton: the dialogs that change an account. Every change of role, municipalities
// or activation asks for a reason, which is kept in the event log; revoking an invitation deletes
// the never-used account.
import { useRef, useState, type FormEvent } from 'react';
import { deactivateUser, reactivateUser, revokeInvitation, updateUser } from '../../../contracts/accounts.ts';
import { resetUserTotp } from '../../../contracts/two-factor.ts';
import { ConfirmDialog } from '../../components/confirm.tsx';
import { Control } from '../../components/forms.tsx';
import { useI18n } from '../../i18n.tsx';
import { useEndpointMutation } from '../../query.ts';
import type { Role, User } from '../../session.tsx';
import { RoleFields } from './user-forms.tsx';

export type AccountChange = { kind: 'permissions' | 'deactivate' | 'reactivate' | 'revoke' | 'totp-reset'; user: User };

export function AccountDialog({ change, onClose, onDone }: { change: AccountChange; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const { kind, user } = change;
  const form = useRef<HTMLFormElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const [role, setRole] = useState<Role>(user.role);
  const [error, setError] = useState<string>();
  const [reasonError, setReasonError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const update = useEndpointMutation(updateUser);
  const deactivate = useEndpointMutation(deactivateUser);
  const reactivate = useEndpointMutation(reactivateUser);
  const revoke = useEndpointMutation(revokeInvitation);
  const totpReset = useEndpointMutation(resetUserTotp);
  const needsReason = kind !== 'revoke' && kind !== 'totp-reset';

  const confirm = async () => {
    const f = new FormData(form.current ?? undefined);
    const reason = String(f.get('reason') ?? '').trim();
    if (needsReason && !reason) {
      setReasonError(t('Ange en motivering; den sparas i händelseloggen.'));
      reasonRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const params = { id: user.id };
      if (kind === 'permissions') {
        await update.mutateAsync({ params, body: { role, municipalities: f.getAll('municipalities').map(String), reason } });
        onDone(t('Behörigheten för {email} är ändrad.', { email: user.email }));
      } else if (kind === 'deactivate') {
        await deactivate.mutateAsync({ params, body: { reason } });
        onDone(t('{email} är avaktiverat och utloggat.', { email: user.email }));
      } else if (kind === 'reactivate') {
        await reactivate.mutateAsync({ params, body: { reason } });
        onDone(t('{email} är återaktiverat.', { email: user.email }));
      } else if (kind === 'totp-reset') {
        await totpReset.mutateAsync({ params });
        onDone(t('Tvåstegsverifieringen för {email} är nollställd.', { email: user.email }));
      } else {
        await revoke.mutateAsync({ params });
        onDone(t('Inbjudan till {email} är återkallad och kontot borttaget.', { email: user.email }));
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };

  const text = {
    permissions: { title: t('Ändra roll och kommuner för {name}', { name: user.name }), confirm: t('Spara ändringen') },
    deactivate: { title: t('Avaktivera {name}?', { name: user.name }), confirm: t('Avaktivera') },
    reactivate: { title: t('Återaktivera {name}?', { name: user.name }), confirm: t('Återaktivera') },
    revoke: { title: t('Återkalla inbjudan till {name}?', { name: user.name }), confirm: t('Återkalla') },
    'totp-reset': { title: t('Nollställ tvåstegsverifieringen för {name}?', { name: user.name }), confirm: t('Nollställ') },
  }[kind];

  return (
    <ConfirmDialog
      title={text.title}
      confirmLabel={text.confirm}
      onConfirm={() => void confirm()}
      onCancel={onClose}
      busy={busy}
      danger={kind !== 'permissions' && kind !== 'reactivate'}
      error={error}
      initialFocus={kind === 'deactivate' || kind === 'reactivate' ? reasonRef : undefined}
    >
      <form ref={form} onSubmit={(e: FormEvent) => (e.preventDefault(), void confirm())} noValidate>
        {kind === 'deactivate' && <p>{t('Alla kontots inloggningar avslutas direkt och det kan inte logga in på något sätt förrän det återaktiveras.')}</p>}
        {kind === 'revoke' && <p>{t('Länken slutar gälla och kontot, som aldrig har använts, tas bort. Du kan bjuda in adressen igen senare.')}</p>}
        {kind === 'permissions' && <RoleFields role={role} setRole={setRole} checked={user.municipalities} />}
        {kind === 'totp-reset' && (
          <p>{t('Använd detta när personen har tappat bort sin telefon. Appen och reservkoderna slutar gälla; personen loggar in med lösenordet och lägger till tvåstegsverifiering igen.')}</p>
        )}
        {needsReason && (
          <Control id={`reason-${user.id}`} label={t('Motivering')} hint={t('Sparas i händelseloggen')} error={reasonError}>
            {(a) => <textarea {...a} ref={reasonRef} name="reason" rows={2} maxLength={500} required />}
          </Control>
        )}
      </form>
    </ConfirmDialog>
  );
}
