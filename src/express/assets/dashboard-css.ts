/** The dashboard's stylesheet, served by the router at `assets/dashboard.css` (no CDN, no inline style). */
export const DASHBOARD_CSS = `
:root{--bg:#f5f6f8;--panel:#fff;--ink:#1d2330;--muted:#667085;--line:#e3e6eb;--accent:#2f5bd3;--accent-ink:#fff;
--ok:#16794c;--bad:#b42318;--warn:#b54708;--esc:#6941c6;--mark:#fff1c2;--mark-line:#e0a100;--radius:8px}
*{box-sizing:border-box}
html{font-size:15px}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg);line-height:1.45}
a{color:var(--accent)}
kbd{font:600 .75rem ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;border:1px solid var(--line);border-bottom-width:2px;border-radius:4px;padding:0 .3rem;background:#fafbfc;color:var(--ink)}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
.muted{color:var(--muted)}.small{font-size:.85rem}
.top{display:flex;align-items:center;justify-content:space-between;padding:.8rem 1.5rem;background:#1d2330;color:#fff}
.top .brand{font-size:1.15rem;margin:0;letter-spacing:.01em;font-weight:700}
.top .me{font-size:.9rem;color:#c9cfdb}.top .me strong{color:#fff}
.tabs{display:flex;flex-wrap:wrap;gap:.25rem;padding:.6rem 1.5rem 0;background:var(--panel);border-bottom:1px solid var(--line)}
.tab{display:inline-flex;align-items:center;min-height:44px;padding:.5rem .8rem;text-decoration:none;color:var(--muted);border-bottom:2px solid transparent;text-transform:capitalize;font-weight:500}
.tab:hover{color:var(--ink)}
.tab.current{color:var(--ink);border-bottom-color:var(--accent)}
.count{display:inline-block;min-width:1.5rem;padding:0 .4rem;margin-left:.2rem;border-radius:999px;background:#eef1f6;color:var(--ink);font-size:.8rem;text-align:center}
.tab.current .count{background:var(--accent);color:var(--accent-ink)}
.filter-box{background:var(--panel);border-bottom:1px solid var(--line)}
.filter-box summary{display:none}
.filters{display:flex;flex-wrap:wrap;gap:.75rem;align-items:flex-end;padding:.75rem 1.5rem;background:var(--panel);border-bottom:1px solid var(--line)}
.filters label{display:flex;flex-direction:column;font-size:.78rem;color:var(--muted);gap:.15rem}
input,select,textarea,button{font:inherit;color:inherit}
input,select,textarea{border:1px solid #cfd4dc;border-radius:6px;padding:.35rem .5rem;background:#fff}
input:focus,select:focus,textarea:focus,button:focus-visible,a:focus-visible,mark:focus{outline:2px solid var(--accent);outline-offset:1px}
button{border:1px solid #cfd4dc;background:#fff;border-radius:6px;padding:.4rem .85rem;cursor:pointer;font-weight:500}
button:hover{background:#f2f4f7}
button[disabled]{opacity:.5;cursor:not-allowed}
button.reveal{min-height:44px;min-width:44px;padding:.3rem .7rem;color:var(--accent)}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.skip{position:absolute;left:.5rem;top:-4rem;z-index:50;background:var(--panel);color:var(--accent);padding:.7rem 1rem;border-radius:6px;box-shadow:0 4px 12px rgba(16,24,40,.2)}
.skip:focus{top:.5rem}
.toast{position:fixed;left:50%;bottom:1rem;transform:translateX(-50%);z-index:30;display:flex;align-items:center;gap:.8rem;max-width:calc(100% - 2rem);background:#1d2330;color:#fff;border-radius:var(--radius);padding:.5rem .6rem .5rem 1rem;box-shadow:0 8px 24px rgba(16,24,40,.3)}
.toast[hidden]{display:none}
.toast button{min-height:44px;background:#fff;color:var(--ink)}
.flash{margin:.75rem 1.5rem 0;padding:.6rem .9rem;border-radius:var(--radius);background:#ecfdf3;border:1px solid #abefc6;color:#054f31}
.panes .flash{grid-column:1/-1;margin:0}
.flash.warning{background:#fffaeb;border-color:#fedf89;color:#7a2e0e}
.panes{display:grid;grid-template-columns:minmax(18rem,26rem) 1fr;gap:1rem;padding:1rem 1.5rem;align-items:start}
.queue{background:var(--panel);border:1px solid var(--line);border-radius:var(--radius);min-width:0}
.queue-title{font-size:.8rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin:0;padding:.7rem .8rem .2rem}
.items{list-style:none;margin:0;padding:0}
.row{display:flex;gap:.6rem;align-items:flex-start;padding:.7rem .8rem;border-bottom:1px solid var(--line)}
.row .pick{display:flex;align-items:flex-start;justify-content:center;min-width:44px;min-height:44px;margin:-.5rem 0 -.5rem -.6rem;padding-top:.75rem;cursor:pointer}
.row .pick input{width:1.1rem;height:1.1rem;margin:0}
.row.selected{background:#eef3ff;box-shadow:inset 3px 0 0 var(--accent)}
.row.selected .line2{color:#475467}
.row .open{display:flex;flex-direction:column;gap:.2rem;text-decoration:none;color:inherit;min-width:0;flex:1}
.row .open:hover .title{text-decoration:underline}
.title{font-weight:600;overflow-wrap:anywhere}
.line1{display:flex;justify-content:space-between;gap:.5rem;align-items:center}
.ref{font-weight:600;overflow-wrap:anywhere}
.line2{font-size:.8rem;color:var(--muted)}
.snippet{font-size:.85rem;color:#475467;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.chips{display:flex;flex-wrap:wrap;gap:.25rem}
.chip{font-size:.72rem;padding:.05rem .45rem;border-radius:999px;background:#f2f4f7;color:#344054;border:1px solid var(--line);text-transform:capitalize}
.chip.t-phone{background:#fef6ee;border-color:#f9dbaf;color:#93370d}
.chip.t-email{background:#eff8ff;border-color:#b2ddff;color:#175cd3}
.chip.t-address{background:#f4f3ff;border-color:#d9d6fe;color:#5925dc}
.chip.t-payment_card,.chip.t-iban,.chip.t-national_id{background:#fef3f2;border-color:#fecdca;color:#b42318}
.badge{font-size:.72rem;font-weight:600;padding:.1rem .5rem;border-radius:4px;text-transform:uppercase;letter-spacing:.03em;white-space:nowrap}
.s-pending{background:#fffaeb;color:var(--warn)}.s-approved{background:#ecfdf3;color:var(--ok)}
.s-rejected{background:#fef3f2;color:var(--bad)}.s-redacted{background:#eff8ff;color:#175cd3}.s-escalated{background:#f4f3ff;color:var(--esc)}
.empty,.placeholder{padding:2rem;text-align:center;color:var(--muted)}
.pager{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem;padding:.4rem .8rem}
.pager .where{color:var(--muted);font-size:.85rem}
.pager a{display:inline-flex;align-items:center;min-height:44px;padding:0 .3rem}
.pager .next{margin-left:auto}
.bulk{position:sticky;top:0;z-index:5;display:flex;flex-wrap:wrap;align-items:center;gap:.4rem;padding:.6rem .8rem;background:#fafbfc;border-top:1px solid var(--line);border-bottom:1px solid var(--line)}
.bulk .all{display:inline-flex;align-items:center;gap:.4rem;min-height:44px;font-size:.9rem;cursor:pointer}
.bulk .all[hidden]{display:none}
.bulk .selected-count{font-size:.85rem;color:var(--muted)}
.bulk input[name=reason]{flex:1 1 100%}
.bulk select{flex:1}
.bulk .hint{flex:1 1 100%;margin:0}
.detail{background:var(--panel);border:1px solid var(--line);border-radius:var(--radius);padding:1.25rem 1.5rem;min-width:0}
.detail:focus,.queue:focus{outline:none}
.refline{margin:-.4rem 0 .75rem;font-size:.85rem;color:var(--muted)}
.refline .ref{font-family:ui-monospace,Menlo,Consolas,monospace;overflow-wrap:anywhere}
.post-link{display:inline-flex;align-items:center;min-height:44px}
.meta .wide{grid-column:1/-1}
.held{font-weight:500}
.truncated{display:block;color:var(--warn)}
.item header h2{margin:0 0 .75rem;font-size:1.25rem;display:flex;gap:.6rem;align-items:center;flex-wrap:wrap}
.meta{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.5rem 1rem;margin:0 0 1rem}
.meta dt{font-size:.75rem;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.meta dd{margin:0;overflow-wrap:anywhere}
.actions{border:1px solid var(--line);border-radius:var(--radius);padding:.9rem 1rem;margin-bottom:1rem;background:#fafbfc}
.claim{margin-bottom:.6rem}
.reason{display:grid;grid-template-columns:1fr;gap:.35rem;margin-bottom:.6rem}
.reason label{font-size:.8rem;color:var(--muted)}
.reason textarea{resize:vertical}
.redact-choice{border:1px dashed #cfd4dc;border-radius:6px;margin:0 0 .6rem;padding:.4rem .7rem;display:flex;flex-wrap:wrap;gap:.3rem 1rem}
.redact-choice legend{font-size:.8rem;color:var(--muted)}
.check{font-size:.85rem}
.buttons{display:flex;flex-wrap:wrap;gap:.5rem}
.buttons .approve{background:var(--ok);border-color:var(--ok);color:#fff}
.buttons .reject{background:var(--bad);border-color:var(--bad);color:#fff}
.buttons .approve:hover{background:#0e5e3b}.buttons .reject:hover{background:#912018}
.buttons kbd{margin-left:.25rem}
.buttons .approve kbd,.buttons .reject kbd{background:rgba(255,255,255,.2);border-color:rgba(255,255,255,.4);color:inherit}
.hint{color:var(--bad);font-size:.85rem;margin:.4rem 0 0}
.field h3,.item h3{font-size:.8rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin:1rem 0 .35rem}
.post{white-space:pre-wrap;overflow-wrap:anywhere;background:#fcfcfd;border:1px solid var(--line);border-radius:6px;padding:.8rem 1rem;font-size:.95rem}
.post.redacted{margin-bottom:.5rem}
.fname{display:block;font-size:.75rem;color:var(--muted)}
mark.finding{position:relative;display:inline-block;max-width:100%;background:var(--mark);border-bottom:2px solid var(--mark-line);border-radius:3px;padding:0 .1rem;color:inherit;cursor:help}
mark.finding.t-email{background:#e0f0ff;border-bottom-color:#2e90fa}
mark.finding.t-address{background:#ece9fe;border-bottom-color:#7a5af8}
mark.finding.t-payment_card,mark.finding.t-iban,mark.finding.t-national_id{background:#fee4e2;border-bottom-color:#f04438}
mark.finding.revealed{background:#fff;outline:2px dashed var(--bad)}
mark .tip{display:none;position:absolute;left:0;top:100%;z-index:10;margin-top:.3rem;min-width:14rem;max-width:24rem;padding:.5rem .65rem;background:#1d2330;color:#fff;border-radius:6px;font-size:.8rem;white-space:normal;box-shadow:0 6px 16px rgba(16,24,40,.2);text-transform:none}
mark .tip .rule{display:block;color:#c9cfdb;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.75rem}
mark .tip ul{margin:.3rem 0 0;padding-left:1rem}
mark:hover .tip,mark:focus .tip{display:block}
table.findings{width:100%;border-collapse:collapse;font-size:.85rem}
.findings th{text-align:left;font-weight:600;color:var(--muted);font-size:.75rem;text-transform:uppercase;letter-spacing:.04em;border-bottom:1px solid var(--line);padding:.4rem}
.findings td{border-bottom:1px solid var(--line);padding:.45rem .4rem;vertical-align:top}
.findings .why{color:#475467}.findings .rule{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.78rem}
code.raw{background:#fef3f2;color:var(--bad);padding:0 .2rem;border-radius:3px}
.logged{font-size:.75rem;color:var(--muted)}
form.inline{display:inline}
.resolution{border-top:1px solid var(--line);margin-top:1rem}
.history ol{margin:0;padding-left:1.2rem;font-size:.85rem;color:#475467}
.help{padding:.6rem 1.5rem 1.2rem;color:var(--muted);font-size:.85rem}
.help.expanded{position:fixed;left:50%;top:30%;transform:translateX(-50%);background:var(--panel);border:1px solid var(--line);border-radius:var(--radius);padding:1rem 1.25rem;box-shadow:0 12px 32px rgba(16,24,40,.2);color:var(--ink);font-size:1rem;z-index:20}
.error-page{max-width:36rem;margin:4rem auto;background:var(--panel);border:1px solid var(--line);border-radius:var(--radius);padding:1.5rem 2rem}
.error-page .code{color:var(--muted)}
button,.buttons button{min-height:44px}
.reason select,.reason textarea{width:100%;max-width:100%}
.check{display:inline-flex;align-items:center;gap:.3rem;min-height:44px}
.check input{width:1.1rem;height:1.1rem}
@media (max-width:900px){.panes{grid-template-columns:minmax(0,1fr)}.panes.has-item .detail{order:-1}.panes .flash{order:-2}}
@media (max-width:640px){
.top,.tabs,.filters{padding-left:.75rem;padding-right:.75rem}
.tab{padding:.4rem .55rem}
.panes{padding:.75rem;gap:.75rem}
.detail{padding:1rem .8rem}
.meta{grid-template-columns:repeat(2,minmax(0,1fr))}
.filters input,.filters select{min-height:44px}
.filter-box summary{display:flex;align-items:center;min-height:44px;padding:0 .75rem;cursor:pointer;color:var(--accent);font-weight:500}
.filters label{flex:1 1 45%}
table.findings,table.findings tbody,table.findings tr,table.findings td{display:block;width:100%}
table.findings thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
table.findings tr{border-bottom:1px solid var(--line);padding:.4rem 0}
table.findings td{border:0;padding:.15rem 0;overflow-wrap:anywhere}
table.findings td::before{content:attr(data-label) ": ";font-weight:600;color:var(--muted);font-size:.75rem;text-transform:uppercase}
mark .tip{max-width:calc(100vw - 3rem);min-width:0}
}
`;
