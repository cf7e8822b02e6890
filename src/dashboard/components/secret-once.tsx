import { useState } from 'preact/hooks';

/** A secret the server shows only once, with a copy button; gone when dismissed. */
export function SecretOnce(props: { title: string; secret: string; onDismiss: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div class="secret" role="status">
      <p>
        <strong>{props.title}</strong> Copy it now: it is not shown again.
      </p>
      <div class="secret-row">
        <code class="secret-value">{props.secret}</code>
        <button
          type="button"
          onClick={() =>
            void navigator.clipboard
              .writeText(props.secret)
              .then(() => setCopied(true))
              .catch(() => setCopied(false))
          }
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" onClick={props.onDismiss}>
          Done
        </button>
      </div>
    </div>
  );
}
