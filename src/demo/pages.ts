/** Server-rendered pages of the demo forum. Every piece of user content goes through escapeHtml. */
import { escapeHtml as e } from '../express/html';
import type { AcknowledgementRecord } from '../store/types';

export interface DemoUser {
  id: string;
  name: string;
  moderator: boolean;
}

export interface TopicRow {
  id: string;
  title: string;
  author: string;
  created_at: string;
}

export interface PostRow {
  id: string;
  topic_id: string;
  author: string;
  body: string;
  status: 'published' | 'pending' | 'rejected';
  review_id: string | null;
  ack_id: string | null;
  reject_reason: string | null;
  created_at: string;
}

/** The demo's users: Alice and Bob write posts, Morgan moderates. */
export const DEMO_USERS: Record<string, DemoUser> = {
  alice: { id: 'alice', name: 'Alice', moderator: false },
  bob: { id: 'bob', name: 'Bob', moderator: false },
  morgan: { id: 'morgan', name: 'Morgan (moderator)', moderator: true },
};

/** An author's display name (the id for anyone who is not a demo user). */
const who = (id: string) => e(DEMO_USERS[id]?.name ?? id);

const when = (iso: string) => e(new Date(iso).toISOString().slice(0, 16).replace('T', ' '));

export function page(title: string, user: DemoUser | undefined, content: string): string {
  const nav = user
    ? `<span>Signed in as <strong>${e(user.name)}</strong></span>
       ${user.moderator ? '<a href="/moderation/">Moderation</a>' : ''}
       <a href="/me/acknowledgements">My acknowledgements</a>
       <form method="post" action="/signout"><button class="link" type="submit">Sign out</button></form>`
    : '<a href="/signin">Sign in</a>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)} · Demo forum</title>
<link rel="stylesheet" href="/assets/forum.css"><link rel="stylesheet" href="/assets/widget.css">
</head><body>
<header class="site"><div class="inner"><a class="brand" href="/">Demo forum</a><nav>${nav}</nav></div></header>
<main>${content}</main>
</body></html>`;
}

export function signInPage(users: DemoUser[], next: string): string {
  return `<h1>Sign in</h1>
<p>This is a demo: pick a user. Alice and Bob write posts; Morgan moderates.</p>
<form method="post" action="/signin" class="users">
<input type="hidden" name="next" value="${e(next)}">
${users.map((u) => `<button type="submit" name="user" value="${e(u.id)}">${e(u.name)}</button>`).join('\n')}
</form>`;
}

export function topicList(topics: (TopicRow & { replies: number })[], user: DemoUser | undefined): string {
  return `<h1>Topics</h1>
<p>${user ? '<a class="button" href="/new">New topic</a>' : '<a href="/signin?next=/new">Sign in</a> to write a post.'}</p>
<ul class="topics">
${topics.map((t) => `<li><a href="/t/${e(t.id)}">${e(t.title)}</a><span class="meta">${who(t.author)} · ${t.replies} post${t.replies === 1 ? '' : 's'} · ${when(t.created_at)}</span></li>`).join('\n') || '<li class="empty">No topics yet.</li>'}
</ul>`;
}

function postHtml(p: PostRow): string {
  const badge =
    p.status === 'pending' ? ' <span class="badge">Pending review — only you and the moderators can see this post</span>'
    : p.status === 'rejected' ? ` <span class="badge rejected">Rejected by a moderator${p.reject_reason ? ': ' + e(p.reject_reason) : ''}</span>`
    : '';
  return `<article class="card post" id="p-${e(p.id)}" data-status="${e(p.status)}">
<div class="meta"><strong>${who(p.author)}</strong> · ${when(p.created_at)}${badge}</div>
<div class="body">${e(p.body)}</div>
</article>`;
}

export function topicPage(topic: TopicRow, posts: PostRow[], user: DemoUser | undefined, notice: string): string {
  const pending = notice === 'pending'
    ? '<p class="notice" role="status">Your post was sent to the moderators because it contains someone else\'s personal information. It is visible to you and the moderators until a moderator approves it.</p>'
    : '';
  const reply = user
    ? `<form method="post" action="/t/${e(topic.id)}/replies" data-composer class="card">
<label for="reply-body">Reply</label>
<textarea id="reply-body" name="body" required></textarea>
<p><button type="submit">Post reply</button></p>
</form>
<script type="module" src="/assets/composer.js"></script>`
    : '<p><a href="/signin">Sign in</a> to reply.</p>';
  return `<p class="back"><a href="/">← All topics</a></p>
<h1>${e(topic.title)}</h1>${pending}
${posts.map(postHtml).join('\n')}
${reply}`;
}

export function composerPage(): string {
  return `<h1>New topic</h1>
<form method="post" action="/topics" data-composer class="card">
<label for="title">Title</label>
<input type="text" id="title" name="title" required maxlength="200">
<label for="body">Post</label>
<textarea id="body" name="body" required></textarea>
<p class="meta">Posts are public. The composer points out personal information while you write.</p>
<p><button type="submit">Publish</button></p>
</form>
<script type="module" src="/assets/composer.js"></script>`;
}

export function notFoundPage(message: string): string {
  return `<h1>Not found</h1>
<p>${e(message)}</p>
<p><a href="/">← All topics</a></p>`;
}

const ACTIONS: Record<string, string> = { warn: 'Published', review: 'Sent for review', purge: 'Purged', erasure: 'Erased' };
const REASONS: Record<string, string> = { intended: 'My own details, public on purpose', not_personal: 'Not personal information', other: 'Other reason' };

export function logPage(items: AcknowledgementRecord[]): string {
  const rows = items
    .map((r) => `<tr data-reason="${e(r.reason)}" data-method="${e(r.method)}"><td>${when(r.createdAt)}</td><td>${e(ACTIONS[r.action] ?? r.action)}</td><td>${e(REASONS[r.reason] ?? r.reason)}${r.note ? `: ${e(r.note)}` : ''}</td><td>${r.findings.map((f) => `<div class="found"><span class="type">${e(f.type)}</span> <span class="masked">${e(f.masked)}</span></div>`).join('')}</td><td><code>${e(r.hash.slice(0, 12))}…</code></td></tr>`)
    .join('\n');
  return `<h1>My acknowledgements</h1>
<p>Every time you publish personal information after the notice, the forum keeps a record: when, which notice you saw, and a masked copy of what was found. Never the value itself.</p>
<table class="log"><thead><tr><th>When (UTC)</th><th>Outcome</th><th>Your reason</th><th>Found (masked)</th><th>Record hash</th></tr></thead>
<tbody>${rows || '<tr><td colspan="5">No acknowledgements yet.</td></tr>'}</tbody></table>`;
}
