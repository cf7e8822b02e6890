import { useState } from 'preact/hooks';
import { ApiKeys } from '../components/api-keys.tsx';
import { EnvironmentPicker } from '../components/environment-picker.tsx';
import { WebhookEndpoints } from '../components/webhook-endpoints.tsx';
import { useSession } from '../session.ts';

export function EnvironmentsPage() {
  const { environments } = useSession();
  const [selected, setSelected] = useState(environments[0]?.slug ?? 'sandbox');
  return (
    <>
      <h1>Environments</h1>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Slug</th>
              <th scope="col">Kind</th>
              <th scope="col">Client id</th>
            </tr>
          </thead>
          <tbody>
            {environments.map((e) => (
              <tr key={e.slug}>
                <th scope="row">{e.name}</th>
                <td>
                  <code>{e.slug}</code>
                </td>
                <td>{e.kind.toLowerCase()}</td>
                <td>
                  <code>{e.clientId}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="filters">
        <EnvironmentPicker value={selected} onChange={setSelected} />
      </div>
      <ApiKeys environment={selected} />
      <WebhookEndpoints environment={selected} />
    </>
  );
}
