// The official Telnyx Node SDK against a running Montage, with nothing changed but the base URL: list the
// sessions, create a composition with a webhook, follow it, list it with filters, verify the signed webhook
// with the SDK's own verifier, delete it. Run after scripts/demo.sh (which leaves a session with recordings)
// against a service started with montage.webhooks.allow-private-targets=true.
//
//   node check.mjs <base-url> <api-key>
import http from 'node:http';
import assert from 'node:assert/strict';
import Telnyx from 'telnyx';

const [base, apiKey] = process.argv.slice(2);
if (!base || !apiKey) {
  console.error('usage: node check.mjs <base-url> <api-key>');
  process.exit(2);
}

// The key receivers verify with: Montage's extension endpoint, read once with plain fetch.
const keyResponse = await fetch(`${base}/v2/webhooks/public_key`, { headers: { Authorization: `Bearer ${apiKey}` } });
const publicKey = (await keyResponse.json()).data.public_key;
const client = new Telnyx({ apiKey, baseURL: `${base}/v2`, publicKey });

// A webhook receiver, as a customer would run one.
const received = [];
const receiver = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    received.push({ body, headers: req.headers });
    res.writeHead(200).end();
  });
});
await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const hook = `http://127.0.0.1:${receiver.address().port}/hooks`;

const sessions = [];
for await (const session of client.rooms.sessions.list0()) sessions.push(session);
assert.ok(sessions.length > 0, 'the demo left at least one session');
const session = sessions[0];
console.log(`sessions: ${sessions.length}; composing ${session.id}`);

const created = await client.roomCompositions.create({
  session_id: session.id,
  resolution: '320x240',
  video_layout: { main: { x_pos: 0, y_pos: 0, width: 320, height: 240, video_sources: ['*'] } },
  webhook_event_url: hook,
  webhook_timeout_secs: 5,
});
assert.equal(created.data.status, 'enqueued');
assert.equal(created.data.download_url, null);
const id = created.data.id;

let composition;
for (let i = 0; i < 120; i++) {
  composition = (await client.roomCompositions.retrieve(id)).data;
  if (composition.status === 'completed') break;
  await new Promise((r) => setTimeout(r, 500));
}
assert.equal(composition.status, 'completed', `composition ${id} completed`);
assert.ok(composition.download_url.includes(`/v2/room_compositions/${id}/media`));
assert.ok(composition.duration_secs > 0 && composition.size_mb > 0);
const media = await fetch(composition.download_url);
assert.equal(media.status, 200);
assert.equal(media.headers.get('content-type'), 'video/mp4');

const listed = [];
for await (const c of client.roomCompositions.list({ filter: { session_id: session.id, status: 'completed' }, page: { size: 1 } })) {
  listed.push(c.id);
}
assert.ok(listed.includes(id), 'the filtered, paged list walks to the new composition');

for (let i = 0; i < 50 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 200));
assert.equal(received.length, 1, 'one webhook');
const event = await client.webhooks.unwrap(received[0].body, { headers: received[0].headers });
assert.equal(event.data.event_type, 'video.room.composition.completed');
assert.equal(event.data.payload.composition_id, id);
await assert.rejects(
  client.webhooks.unwrap(received[0].body.replace('"mp4"', '"mkv"'), { headers: received[0].headers }),
  'a changed body fails verification',
);

await client.roomCompositions.delete(id);
await assert.rejects(client.roomCompositions.retrieve(id), (e) => e.status === 404, 'deleted means 404');

receiver.close();
console.log('Telnyx SDK: create, retrieve, list with filters and paging, webhook verification, delete: ok');
