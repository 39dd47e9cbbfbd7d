import type { Scenario } from '../helpers/scenario';

// A second launch with the Local API left on: it answers at once with the same token.

interface State {
  enabled: boolean;
  url: string | null;
  token: string | null;
  problem: string | null;
}

const scenario: Scenario<Record<string, unknown>> = async (app) => {
  const answer = (await app.call('localApi:state', {})) as { ok: boolean; value: State };
  const { url, token } = answer.value;
  const listed =
    url && token
      ? await fetch(`${url}/api/v2/stories:list`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Beatline-Token': token },
          body: '{}',
        }).then(async (r) => ({ status: r.status, json: (await r.json()) as unknown }))
      : null;
  return { state: answer.value, listed };
};

export default scenario;
