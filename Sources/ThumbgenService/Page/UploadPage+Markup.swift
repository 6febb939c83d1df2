extension UploadPage {
    /// The document skeleton. `{{…}}` placeholders are filled by ``html(limits:)``.
    ///
    /// Accessibility: the file input has a visible label and is reachable by Tab; the drop
    /// zone is a plain region (dropping is an extra, never the only way); each file is one list
    /// item whose status text and `<progress>` are named; a polite live region announces each
    /// file's start, completion or error (WAI-ARIA 1.2 `status` role).
    static let markup = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <title>thumbgen · thumbnails</title>
        <link rel="icon" href="data:,">
        <style>{{STYLE}}</style>
        </head>
        <body>
        <main id="app" data-sync-bytes="{{SYNC_BYTES}}" data-max-bytes="{{MAX_BYTES}}">
          <header class="masthead">
            <h1>Thumbnails</h1>
            <p class="lede">Upload JPEG, PNG, WebP or AVIF images and get thumbnails back. Originals and thumbnails stay in your own storage.</p>
          </header>

          <section class="picker" aria-labelledby="picker-title">
            <h2 id="picker-title" class="sr-only">Choose images</h2>
            <div id="drop" class="drop">
              <svg class="drop-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M12 16V4m0 0-4 4m4-4 4 4M4 16v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"/></svg>
              <p class="drop-text">Drag images here, or</p>
              <input id="files" class="file-input" type="file" multiple accept="image/jpeg,image/png,image/webp,image/avif,.jpg,.jpeg,.png,.webp,.avif" aria-describedby="limits">
              <label for="files" class="button">Choose images…</label>
              <p id="limits" class="hint">JPEG, PNG, WebP or AVIF, up to {{MAX_TEXT}} each. You can pick several at once.</p>
            </div>
          </section>

          <section class="results" aria-labelledby="gallery-title">
            <div class="results-head">
              <h2 id="gallery-title">Gallery</h2>
              <p id="summary" class="summary">No images yet.</p>
            </div>
            <ul id="gallery" class="gallery"></ul>
          </section>

          <div id="announcer" class="sr-only" role="status" aria-live="polite" aria-atomic="true"></div>
          <noscript><p class="hint">This page needs JavaScript to upload files.</p></noscript>
        </main>
        <script>{{SCRIPT}}</script>
        </body>
        </html>
        """#
}
