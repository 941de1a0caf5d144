/** Server-rendered pages of the demo forum. Every piece of user content goes through escapeHtml. */
import { escapeHtml as e } from '../express/html';
import type { AcknowledgementRecord } from '../store/types';
import type { WarningPageParts } from '../express/html';
import { acknowledgementLogStrings, type AcknowledgementLogStrings } from '../express/notice';

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

function header(user: DemoUser | undefined): string {
  const nav = user
    ? `<span>Signed in as <strong>${e(user.name)}</strong></span>
       ${user.moderator ? '<a href="/moderation/">Moderation</a>' : ''}
       <a href="/me/acknowledgements">My acknowledgements</a>
       <form method="post" action="/signout"><button class="link" type="submit">Sign out</button></form>`
    : '<a href="/signin">Sign in</a>';
  return `<header class="site"><div class="inner"><a class="brand" href="/">Demo forum</a><nav aria-label="Account">${nav}</nav></div></header>`;
}

/** A forum page; `lang`: the language of `content` when it differs from the forum's English chrome. */
export function page(title: string, user: DemoUser | undefined, content: string, lang?: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)} · Demo forum</title>
<link rel="stylesheet" href="/assets/forum.css"><link rel="stylesheet" href="/assets/widget.css">
</head><body>
${header(user)}
<main${lang && lang !== 'en' ? ` lang="${e(lang)}"` : ''}>${content}</main>
</body></html>`;
}

/** The no-JavaScript warning page inside the forum's own layout (preflight's `warningPage.layout`). */
export function warningLayout(parts: WarningPageParts, user: DemoUser | undefined): string {
  return `<!doctype html>
<html lang="${e(parts.lang)}"><head>${parts.head}
<link rel="stylesheet" href="/assets/forum.css">
</head><body>
${header(user)}
<main>${parts.main}</main>
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

/** Why a post was held, as preflight() says it (`req.preflight.review.because`). */
const HELD_WHY: Record<string, string> = {
  third_party: 'it seems to contain someone else\'s details',
  repeat: 'you have published personal information many times in a short while',
  policy: 'the forum\'s rules send posts like this to a moderator first',
};

export function topicPage(topic: TopicRow, posts: PostRow[], user: DemoUser | undefined, notice: string, why = '', draft = ''): string {
  const pending = notice === 'pending'
    ? `<p class="notice" role="status">Your post was sent to the moderators because ${HELD_WHY[why] ?? HELD_WHY.policy}. It is visible to you and the moderators until a moderator approves it.</p>`
    : '';
  const reply = user
    ? `<form method="post" action="/t/${e(topic.id)}/replies" data-composer class="card">
<label for="reply-body">Reply</label>
<textarea id="reply-body" name="body" required>${e(draft)}</textarea>
<p><button type="submit">Post reply</button></p>
</form>
<script type="module" src="/assets/composer.js"></script>`
    : '<p><a href="/signin">Sign in</a> to reply.</p>';
  return `<p class="back"><a href="/">← All topics</a></p>
<h1>${e(topic.title)}</h1>${pending}
${posts.map(postHtml).join('\n')}
${reply}`;
}

export function composerPage(draft: { title?: string; body?: string } = {}): string {
  return `<h1>New topic</h1>
<form method="post" action="/topics" data-composer class="card">
<label for="title">Title</label>
<input type="text" id="title" name="title" required maxlength="200" value="${e(draft.title ?? '')}">
<label for="body">Post</label>
<textarea id="body" name="body" required>${e(draft.body ?? '')}</textarea>
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

/** The post an acknowledgement published (or sent for review), with the moderator's decision. */
export interface LoggedPost {
  url: string;
  status: PostRow['status'];
  held: boolean;
  rejectReason: string | null;
}

function outcome(r: AcknowledgementRecord, post: LoggedPost | undefined, t: AcknowledgementLogStrings): string {
  if (r.action === 'purge') return t.removed;
  if (r.action === 'erasure') return t.erased;
  if (r.action === 'warn') return t.published;
  // Held for review: what the moderator decided, once they did.
  if (!post || post.status === 'pending') return t.waiting;
  if (post.status === 'rejected') return `${t.rejected}${post.rejectReason ? `: ${post.rejectReason}` : ''}`;
  return t.approved;
}

/** A word of the log's own (a reason or a type), else the raw key. */
function logWord(t: AcknowledgementLogStrings, key: string): string {
  return Object.prototype.hasOwnProperty.call(t, key) ? (t as Record<string, string>)[key] as string : key;
}

/** "My acknowledgements": newest first, one page at a time, with a link to each post, in the author's language (`t`, default English). */
export function logPage(items: AcknowledgementRecord[], posts: ReadonlyMap<string, LoggedPost>, next: string | null, first: boolean, t: AcknowledgementLogStrings = acknowledgementLogStrings('en').strings): string {
  const rows = items
    .map((r) => {
      const post = posts.get(r.id);
      const link = post ? `<a href="${e(post.url)}">${e(t.openPost)}</a>` : `<span class="meta">${e(t.postMissing)}</span>`;
      return `<tr data-reason="${e(r.reason)}" data-method="${e(r.method)}"><td>${when(r.createdAt)}</td><td>${link}</td><td data-outcome>${e(outcome(r, post, t))}</td><td>${e(logWord(t, r.reason))}${r.note ? `: ${e(r.note)}` : ''}</td><td>${r.findings.map((f) => `<div class="found"><span class="type">${e(logWord(t, f.type))}</span> <span class="masked">${e(f.masked)}</span></div>`).join('')}</td><td><code>${e(r.hash.slice(0, 12))}…</code></td></tr>`;
    })
    .join('\n');
  const pager = [
    first ? '' : `<a href="/me/acknowledgements">${e(t.newest)}</a>`,
    next ? `<a href="/me/acknowledgements?cursor=${encodeURIComponent(next)}" rel="next">${e(t.older)}</a>` : '',
  ].filter(Boolean).join(' · ');
  return `<h1>${e(t.title)}</h1>
<p>${e(t.intro)}</p>
<div class="table-scroll" role="region" aria-label="${e(t.title)}" tabindex="0"><table class="log"><thead><tr><th scope="col">${e(t.when)}</th><th scope="col">${e(t.post)}</th><th scope="col">${e(t.outcome)}</th><th scope="col">${e(t.reason)}</th><th scope="col">${e(t.found)}</th><th scope="col">${e(t.record)}</th></tr></thead>
<tbody>${rows || `<tr><td colspan="6">${e(t.none)}</td></tr>`}</tbody></table></div>
${pager ? `<nav class="pager" aria-label="${e(t.pages)}">${pager}</nav>` : ''}`;
}
