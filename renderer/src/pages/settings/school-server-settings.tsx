/**
 * Settings › School › "School server": which SENCo Desk server this desk connects to (issue 16).
 *
 * Desktop app: the connection in force (electron/shell/connection.ts). Set by IT in the policy file: shown read-only,
 * "Set by your school's IT". Otherwise the SENCo enters the address and the certificate fingerprint and presses "Test
 * connection and save": the main process reaches the server with exactly that certificate and saves only when it
 * answered as a SENCo Desk server; every failure says what to check. Other roles see it read-only.
 *
 * Browser edition: its connection comes from `senco-desk serve --server --fingerprint`, so the card only says which
 * server it is connected to (from desk.status), and nothing at all when standalone.
 */
import { useId, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import InputAdornment from '@mui/material/InputAdornment';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import LockOutlined from '@mui/icons-material/LockOutlined';
import type { ConnectionApi, ConnectionView } from '../../../../shared/desktop-api';
import { getSession } from '../../api/session';
import { useSessionInfo } from '../../auth/auth';
import { Loading, QueryError } from '../../components/status';
import { useDeskStatus } from '../../components/desk/use-desk-status';
import { localKey } from '../../lib/query-keys';

const CONNECTION_KEY = localKey('desktop.connection');

function connectionApi(): ConnectionApi | undefined {
  return typeof window === 'undefined' ? undefined : window.sencoDesk?.connection;
}

function Card({ children }: { readonly children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Paper variant="outlined" sx={{ p: 3, mt: 3 }} component="section" aria-labelledby="school-server-title" data-testid="school-server">
      <Typography variant="h2" id="school-server-title" gutterBottom>
        {t('connectedUi.server.title')}
      </Typography>
      {children}
    </Paper>
  );
}

function ReadOnly({
  id,
  label,
  value,
  help,
}: {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly help?: string;
}) {
  return (
    <TextField
      id={id}
      label={label}
      value={value}
      disabled
      helperText={help}
      slotProps={{
        input: {
          readOnly: true,
          endAdornment: (
            <InputAdornment position="end">
              <LockOutlined fontSize="small" aria-hidden />
            </InputAdornment>
          ),
        },
      }}
    />
  );
}

/** The card as it is for one connection and one person (kept apart from the desktop bridge so it renders in tests). */
export function SchoolServerCard({
  view,
  canEdit,
  api,
}: {
  readonly view: ConnectionView;
  readonly canEdit: boolean;
  readonly api?: ConnectionApi;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const queryClient = useQueryClient();
  const [address, setAddress] = useState(view.source === 'settings' ? (view.address ?? '') : '');
  const [fingerprint, setFingerprint] = useState(view.source === 'settings' ? (view.fingerprint ?? '') : '');
  const [errors, setErrors] = useState<{ address?: string; fingerprint?: string }>({});
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<'save' | 'clear' | null>(null);

  if (view.source === 'policy') {
    return (
      <Card>
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          {t('connectedUi.server.intro')}
        </Typography>
        {!view.complete ? (
          <Alert severity="warning" sx={{ mb: 2 }}>
            {t('connectedUi.server.policyIncomplete')}
          </Alert>
        ) : null}
        <Box sx={{ display: 'grid', gap: 2.5, maxWidth: 640 }}>
          <ReadOnly
            id={`${ids}-address`}
            label={t('connectedUi.server.address')}
            value={view.address ?? ''}
            help={t('connectedUi.server.setByIt')}
          />
          <ReadOnly
            id={`${ids}-fingerprint`}
            label={t('connectedUi.server.fingerprint')}
            value={view.fingerprint ?? ''}
            help={t('connectedUi.server.setByIt')}
          />
        </Box>
      </Card>
    );
  }

  if (!canEdit || !api) {
    return (
      <Card>
        <Typography sx={{ mb: 2 }}>
          {view.address ? t('connectedUi.server.using', { address: view.address }) : t('connectedUi.server.none')}
        </Typography>
        {view.address ? (
          <Box sx={{ display: 'grid', gap: 2.5, maxWidth: 640, mb: 2 }}>
            <ReadOnly id={`${ids}-address`} label={t('connectedUi.server.address')} value={view.address} />
            <ReadOnly id={`${ids}-fingerprint`} label={t('connectedUi.server.fingerprint')} value={view.fingerprint ?? ''} />
          </Box>
        ) : null}
        <Alert severity="info">{t('connectedUi.server.onlySenco')}</Alert>
      </Card>
    );
  }

  const save = async () => {
    const next: { address?: string; fingerprint?: string } = {};
    if (!address.trim()) next.address = t('connectedUi.server.addressRequired');
    if (!fingerprint.trim()) next.fingerprint = t('connectedUi.server.fingerprintRequired');
    setErrors(next);
    if (next.address || next.fingerprint) {
      setMessage({
        kind: 'error',
        text: t('connectedUi.server.failed', { message: [next.address, next.fingerprint].filter(Boolean).join(' ') }),
      });
      return;
    }
    setBusy('save');
    setMessage(null);
    const r = await api.save({ session: getSession(), address, fingerprint }).catch(() => null);
    setBusy(null);
    if (r && r.ok) {
      queryClient.setQueryData(CONNECTION_KEY, r.value.connection);
      setAddress(r.value.connection.address ?? address);
      setFingerprint(r.value.connection.fingerprint ?? fingerprint);
      setMessage({
        kind: 'success',
        text: t('connectedUi.server.saved', { address: r.value.connection.address ?? address, version: r.value.version }),
      });
    } else {
      const error = r ? r.error : { message: t('app.errors.network'), fields: undefined };
      setErrors({ address: error.fields?.address, fingerprint: error.fields?.fingerprint });
      setMessage({ kind: 'error', text: t('connectedUi.server.failed', { message: error.message }) });
    }
  };

  const clear = async () => {
    setBusy('clear');
    setMessage(null);
    const r = await api.clear(getSession()).catch(() => null);
    setBusy(null);
    if (r && r.ok) {
      queryClient.setQueryData(CONNECTION_KEY, r.value);
      setAddress('');
      setFingerprint('');
      setErrors({});
      setMessage({ kind: 'success', text: t('connectedUi.server.removed') });
    } else {
      setMessage({ kind: 'error', text: t('connectedUi.server.failed', { message: r ? r.error.message : t('app.errors.network') }) });
    }
  };

  return (
    <Card>
      <Typography color="text.secondary" sx={{ mb: 1 }}>
        {t('connectedUi.server.intro')}
      </Typography>
      <Typography sx={{ mb: 2 }} data-testid="school-server-now">
        {view.address ? t('connectedUi.server.using', { address: view.address }) : t('connectedUi.server.none')}{' '}
        {t('connectedUi.server.restartNote')}
      </Typography>
      {message ? (
        <Alert severity={message.kind} sx={{ mb: 2 }} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </Alert>
      ) : null}
      <form
        noValidate
        aria-labelledby="school-server-title"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Box sx={{ display: 'grid', gap: 2.5, maxWidth: 640 }}>
          <TextField
            id={`${ids}-address`}
            name="address"
            label={t('connectedUi.server.address')}
            value={address}
            onChange={(e) => {
              setAddress(e.target.value);
              setErrors((er) => ({ ...er, address: undefined }));
            }}
            required
            error={!!errors.address}
            helperText={errors.address ?? t('connectedUi.server.addressHelp')}
            slotProps={{ htmlInput: { maxLength: 2048, autoComplete: 'off', spellCheck: false, inputMode: 'url' } }}
          />
          <TextField
            id={`${ids}-fingerprint`}
            name="fingerprint"
            label={t('connectedUi.server.fingerprint')}
            value={fingerprint}
            onChange={(e) => {
              setFingerprint(e.target.value);
              setErrors((er) => ({ ...er, fingerprint: undefined }));
            }}
            required
            multiline
            minRows={2}
            error={!!errors.fingerprint}
            helperText={errors.fingerprint ?? t('connectedUi.server.fingerprintHelp')}
            slotProps={{ htmlInput: { maxLength: 400, autoComplete: 'off', spellCheck: false, style: { fontFamily: 'monospace' } } }}
          />
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
            <Button type="submit" variant="contained" disabled={busy !== null}>
              {busy === 'save' ? t('connectedUi.server.testing') : t('connectedUi.server.test')}
            </Button>
            {view.source === 'settings' ? (
              <Button variant="outlined" color="error" disabled={busy !== null} onClick={() => void clear()}>
                {busy === 'clear' ? t('connectedUi.server.removing') : t('connectedUi.server.remove')}
              </Button>
            ) : null}
          </Box>
        </Box>
      </form>
    </Card>
  );
}

/** The browser edition: which server it was started against, read-only; nothing when standalone. */
export function BrowserEditionServer({ server }: { readonly server: string | null }) {
  const { t } = useTranslation();
  if (!server) return null;
  return (
    <Card>
      <Typography>{t('connectedUi.server.browserEdition', { server })}</Typography>
    </Card>
  );
}

export function SchoolServerSettings() {
  const info = useSessionInfo();
  const api = connectionApi();
  const desk = useDeskStatus();
  const query = useQuery({ queryKey: CONNECTION_KEY, queryFn: () => (api as ConnectionApi).get(), enabled: !!api });
  if (!api) return <BrowserEditionServer server={desk.data?.server ?? null} />;
  if (query.isPending) return <Loading />;
  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  return <SchoolServerCard view={query.data} canEdit={info.user.role === 'senco'} api={api} />;
}
