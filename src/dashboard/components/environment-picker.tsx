import { useId } from 'preact/hooks';
import { useSession } from '../session.ts';

/** Chooses the environment a page shows (organizations, keys and webhooks are per environment). */
export function EnvironmentPicker(props: { value: string; onChange: (slug: string) => void }) {
  const { environments } = useSession();
  const id = useId();
  return (
    <div class="field inline-field">
      <label for={id}>Environment</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        {environments.map((e) => (
          <option key={e.slug} value={e.slug}>
            {e.name} ({e.slug})
          </option>
        ))}
      </select>
    </div>
  );
}
