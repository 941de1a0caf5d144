<div class="acp-page-container pii-preflight-acp">
	<!-- IMPORT admin/partials/settings/header.tpl -->

	<div class="row m-0">
		<div class="col-12 px-0 mb-4">
			{{{ if settings.error }}}
			<div class="alert alert-danger" component="pii-preflight/settings-error">{settings.error}</div>
			{{{ end }}}
			{{{ if storeError }}}
			<div class="alert alert-danger" component="pii-preflight/store-error">{storeError}</div>
			{{{ end }}}

			<div class="mb-4">
				<h5 class="fw-bold tracking-tight settings-header">Acknowledgement log</h5>
				{{{ if verify.checked }}}
				{{{ if verify.ok }}}
				<p class="text-success mb-1" data-verify="ok"><i class="fa fa-check"></i> verify: ok — {verify.count} records, the chain and its checkpoints are intact.</p>
				{{{ else }}}
				<p class="text-danger mb-1" data-verify="broken"><i class="fa fa-triangle-exclamation"></i> verify: BROKEN at {verify.problem} ({verify.count} records checked). Run <code>pii-preflight log verify</code> and see the README.</p>
				{{{ end }}}
				{{{ else }}}
				<p class="text-muted mb-1" data-verify="unchecked">verify: not run (the store is not available).</p>
				{{{ end }}}
			</div>

			<div class="row mb-4">
				<div class="col-12 col-md-6">
					<h5 class="fw-bold tracking-tight settings-header">Counts</h5>
					<table class="table table-sm" component="pii-preflight/counts">
						<tbody>
							{{{ each counts }}}
							<tr data-count="{./key}"><td>{./label}</td><td class="text-end fw-semibold">{./value}</td></tr>
							{{{ end }}}
							{{{ each acknowledgedByReason }}}
							<tr data-reason="{./reason}"><td class="ps-4 text-muted">acknowledged, reason {./reason}</td><td class="text-end">{./value}</td></tr>
							{{{ end }}}
						</tbody>
					</table>
				</div>
				<div class="col-12 col-md-6">
					<h5 class="fw-bold tracking-tight settings-header">Held items by status</h5>
					<table class="table table-sm" component="pii-preflight/review-counts">
						<tbody>
							{{{ each reviewCounts }}}
							<tr data-review="{./status}"><td>{./status}</td><td class="text-end fw-semibold">{./value}</td></tr>
							{{{ end }}}
						</tbody>
					</table>
				</div>
			</div>

			<div class="mb-4">
				<h5 class="fw-bold tracking-tight settings-header">Latest held items</h5>
				<p class="text-muted small">Values are masked. The posts themselves wait in NodeBB's <a href="{config.relative_path}/post-queue">post queue</a>, where moderators accept or reject them.</p>
				{{{ if !held.length }}}
				<p class="text-muted" component="pii-preflight/held-empty">No held items.</p>
				{{{ else }}}
				<table class="table table-sm" component="pii-preflight/held">
					<thead><tr><th>When</th><th>Author</th><th>Status</th><th>Why</th><th>Findings (masked)</th><th>Post (masked)</th></tr></thead>
					<tbody>
						{{{ each held }}}
						<tr data-id="{./id}">
							<td class="text-nowrap"><span class="timeago" title="{./createdAt}">{./createdAt}</span></td>
							<td><a href="{config.relative_path}/uid/{./authorId}">uid {./authorId}</a></td>
							<td>{{{ if ./pending }}}<a href="{config.relative_path}/post-queue">pending</a>{{{ else }}}{./status}{{{ end }}}</td>
							<td>{./rule}{{{ if ./reason }}} ({./reason}){{{ end }}}</td>
							<td class="text-break"><code>{./findings}</code></td>
							<td class="text-break small w-50">{./excerpt}</td>
						</tr>
						{{{ end }}}
					</tbody>
				</table>
				{{{ end }}}
			</div>

			<form class="form pii-preflight-settings mb-4 col-12 col-lg-8" component="pii-preflight/settings">
				<h5 class="fw-bold tracking-tight settings-header">Settings</h5>
				<p class="text-muted small">Saved settings take effect at the next post, without a restart.</p>
				<div class="mb-3">
					<label class="form-label" for="pii-locales">Scanner locales</label>
					<input type="text" class="form-control" id="pii-locales" name="locales" value="{settings.locales}" placeholder="en-US" autocomplete="off" />
					<p class="form-text">Comma-separated; the first one's region is the default for national phone numbers. Supported: {supportedLocales}. Empty: <code>PII_PREFLIGHT_LOCALES</code>, else en-US. In use now: <span data-locales="effective">{settings.effectiveLocales}</span> (from {settings.localesFrom}).</p>
				</div>
				<div class="mb-3">
					<span class="form-label d-block">Policy</span>
					<div class="form-check">
						<input class="form-check-input" type="radio" name="policyMode" id="pii-policy-default" value="default" {{{ if settings.policyDefault }}}checked{{{ end }}} />
						<label class="form-check-label" for="pii-policy-default">The shipped policy (version {shippedPolicyVersion}): your own details → warn; someone else's address or phone → post queue; cards and national ids → blocked.</label>
					</div>
					<div class="form-check">
						<input class="form-check-input" type="radio" name="policyMode" id="pii-policy-custom" value="custom" {{{ if settings.policyCustom }}}checked{{{ end }}} />
						<label class="form-check-label" for="pii-policy-custom">A custom policy (JSON, checked with the library's <code>validatePolicy</code>)</label>
					</div>
					<textarea class="form-control font-monospace mt-2" id="pii-policy-json" name="policyJson" rows="10" spellcheck="false">{settings.policyJson}</textarea>
				</div>
				<div class="alert alert-danger d-none" component="pii-preflight/save-error" role="alert"></div>
			</form>

			<div class="mb-4">
				<h5 class="fw-bold tracking-tight settings-header">Environment</h5>
				<p class="text-muted small">These stay in the NodeBB process's environment; their values are never shown.</p>
				<ul class="list-unstyled" component="pii-preflight/env">
					<li data-env="secret">PII_PREFLIGHT_SECRET: {{{ if env.secretSet }}}<span class="text-success">set</span>{{{ else }}}<span class="text-danger">not set — every post is refused</span>{{{ end }}}</li>
					<li data-env="db">PII_PREFLIGHT_DB: {{{ if env.dbSet }}}<span class="text-success">set</span>{{{ else }}}not set (the store is {env.storeKind}){{{ end }}}</li>
				</ul>
			</div>
		</div>
	</div>
</div>
