import { useEffect, useId, useState } from 'react';
import type { LocalApiState } from '../../../electron/core/contract/outputs';
import type { Result } from '../../../electron/core/contract/types';
import { api } from '../api/bridge';
import { useStore } from '../store';
import { call } from '../store/call';
import { Modal } from './Dialogs';
import { AlertIcon } from './icons';
import '../styles/settings.css';

/** Copies `text`; false when the page may not write to the clipboard. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Local API setting as the dialog holds it: the last state read or set, why the last
 * request was refused, whether one is running, and the port being typed.
 */
function useLocalApiSetting() {
  const [state, setState] = useState<LocalApiState | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [port, setPort] = useState('');

  /** Shows an answer: the new state, or why it was refused (the old state stays). */
  const show = (result: Result<LocalApiState>): LocalApiState | null => {
    if (!result.ok) {
      setProblem(result.error.message);
      return null;
    }
    setProblem(null);
    setState(result.value);
    setPort(String(result.value.port));
    return result.value;
  };

  const apply = async (run: () => Promise<Result<LocalApiState>>) => {
    setBusy(true);
    const result = await call(run);
    setBusy(false);
    return show(result);
  };

  // Read once when the dialog opens.
  useEffect(() => {
    let open = true;
    void call(() => api().localApi.state({})).then((result) => {
      if (open) show(result);
    });
    return () => {
      open = false;
    };
  }, []);

  return { state, problem, setProblem, busy, port, setPort, apply };
}

type LocalApiSetting = ReturnType<typeof useLocalApiSetting>;

/** The Local API section: off by default; on, it shows the address and the token to copy. */
function LocalApiSection() {
  const setting = useLocalApiSetting();
  const { state, problem, busy, apply } = setting;
  const [copied, setCopied] = useState<string | null>(null);
  const announce = useStore((s) => s.announce);
  const ids = { heading: useId(), toggle: useId(), port: useId(), token: useId() };

  if (!state) {
    return problem ? (
      <p className="settings-problem" role="alert">
        <AlertIcon size={14} /> {problem}
      </p>
    ) : (
      <p aria-busy="true">Loading…</p>
    );
  }
  if (!state.available) return <LocalApiUnavailable headingId={ids.heading} />;

  const copy = async (what: string, text: string) => {
    const ok = await copyText(text);
    setCopied(ok ? what : null);
    if (ok) announce(`${what} copied.`);
    else
      setting.setProblem('Beatline may not use the clipboard here: select the text and copy it.');
  };
  const newToken = async () => {
    const next = await apply(() => api().localApi.newToken({}));
    if (next) announce('New token made. The old token no longer works.');
  };

  return (
    <section className="settings-section" aria-labelledby={ids.heading}>
      <h3 id={ids.heading}>Local API</h3>
      <p className="settings-note">
        Lets your other tools (scripts, editors, AI assistants) read and change this library on this
        computer only (127.0.0.1), with a token. Their changes are undoable here.
      </p>
      <EnableToggle setting={setting} enabled={state.enabled} toggleId={ids.toggle} />
      <PortRow setting={setting} current={state.port} portId={ids.port} />
      {state.problem || problem ? (
        <p className="settings-problem" role="alert">
          <AlertIcon size={14} /> {problem ?? state.problem}
        </p>
      ) : null}
      {state.url && state.token ? (
        <ConnectionRows
          url={state.url}
          token={state.token}
          tokenId={ids.token}
          busy={busy}
          copied={copied}
          onCopy={(what, text) => void copy(what, text)}
          onNewToken={() => void newToken()}
        />
      ) : null}
    </section>
  );
}

/** The section in a host without the Local API (the browser): where to find it. */
function LocalApiUnavailable({ headingId }: { headingId: string }) {
  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h3 id={headingId}>Local API</h3>
      <p className="settings-note">
        The Local API lets your other tools (scripts, editors, AI assistants) read and change this
        library. It is available in the Beatline desktop app.
      </p>
    </section>
  );
}

/** The switch that turns the Local API on and off. */
function EnableToggle(props: { setting: LocalApiSetting; enabled: boolean; toggleId: string }) {
  const { busy, apply } = props.setting;
  return (
    <label className="settings-toggle" htmlFor={props.toggleId}>
      <input
        id={props.toggleId}
        type="checkbox"
        checked={props.enabled}
        disabled={busy}
        onChange={(e) => void apply(() => api().localApi.configure({ enabled: e.target.checked }))}
      />
      Turn on the Local API
    </label>
  );
}

/** The port field: a changed port is used on Enter or with its button. */
function PortRow(props: { setting: LocalApiSetting; current: number; portId: string }) {
  const { port, setPort, busy, apply } = props.setting;
  const portNumber = Number(port);
  const portChanged = port.trim() !== '' && portNumber !== props.current;
  return (
    <div className="settings-row">
      <label htmlFor={props.portId}>Port</label>
      <input
        id={props.portId}
        className="settings-port"
        type="number"
        min={1024}
        max={65535}
        value={port}
        disabled={busy}
        onChange={(e) => setPort(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && portChanged) {
            e.preventDefault();
            void apply(() => api().localApi.configure({ port: portNumber }));
          }
        }}
      />
      <button
        type="button"
        className="button"
        disabled={busy || !portChanged}
        onClick={() => void apply(() => api().localApi.configure({ port: portNumber }))}
      >
        Use this port
      </button>
    </div>
  );
}

interface ConnectionProps {
  url: string;
  token: string;
  tokenId: string;
  busy: boolean;
  /** What was copied last ('Address' or 'Token'), or null. */
  copied: string | null;
  onCopy: (what: string, text: string) => void;
  onNewToken: () => void;
}

/** What a tool needs to connect: the address and the token, each to copy, and a new token. */
function ConnectionRows({
  url,
  token,
  tokenId,
  busy,
  copied,
  onCopy,
  onNewToken,
}: ConnectionProps) {
  return (
    <>
      <div className="settings-row">
        <span>Address</span>
        <code className="settings-value">{url}/api/v2/</code>
        <button
          type="button"
          className="button"
          onClick={() => onCopy('Address', `${url}/api/v2/`)}
        >
          {copied === 'Address' ? 'Copied' : 'Copy'}
        </button>
      </div>
      <div className="settings-row">
        <label htmlFor={tokenId}>Token</label>
        <input
          id={tokenId}
          className="settings-value"
          readOnly
          value={token}
          onFocus={(e) => e.target.select()}
        />
        <button type="button" className="button" onClick={() => onCopy('Token', token)}>
          {copied === 'Token' ? 'Copied' : 'Copy token'}
        </button>
      </div>
      <div className="settings-row">
        <span className="settings-note">
          Send it as <code>X-Beatline-Token</code>. A new token stops the old one at once.
        </span>
        <button type="button" className="button" disabled={busy} onClick={onNewToken}>
          New token
        </button>
      </div>
    </>
  );
}

/** Settings (issue 17): for now, the Local API. */
export function SettingsDialog() {
  const open = useStore((s) => s.settingsOpen);
  const close = useStore((s) => s.closeSettings);
  if (!open) return null;
  return (
    <Modal labelledBy="settings-title" onClose={close} className="settings-dialog">
      <h2 id="settings-title">Settings</h2>
      <LocalApiSection />
      <div className="modal-actions">
        <button type="button" className="button primary" data-autofocus onClick={close}>
          Done
        </button>
      </div>
    </Modal>
  );
}
