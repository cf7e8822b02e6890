import type { InputHTMLAttributes } from 'preact';
import { useId } from 'preact/hooks';

/** A labelled input; its error, when there is one, is announced and tied to it. */
export function Field(
  props: { label: string; error?: string | null; hint?: string } & InputHTMLAttributes<HTMLInputElement>,
) {
  const { label, error, hint, ...input } = props;
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        {...input}
      />
      {hint && (
        <small id={`${id}-hint`} class="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} class="error">
          {error}
        </small>
      )}
    </div>
  );
}

export function ErrorMessage(props: { message: string | null }) {
  return props.message ? (
    <p class="error-box" role="alert">
      {props.message}
    </p>
  ) : null;
}
