extension UploadPage {
    /// The page's CSS: system fonts, one accent colour, light and dark schemes
    /// (`prefers-color-scheme`), a single column on phones and a grid from 560 px up, and no
    /// motion for people who ask for less (`prefers-reduced-motion`).
    static let style = #"""
        :root {
          --bg: #f6f5f2; --surface: #ffffff; --text: #23262b; --muted: #62676f; --line: #dedbd3;
          --accent: #2f6f62; --accent-soft: #e3efeb; --danger: #a33a32; --danger-soft: #f8e7e4;
          --radius: 14px; --shadow: 0 1px 2px rgba(20, 20, 20, .05), 0 6px 20px rgba(20, 20, 20, .05);
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
          color: var(--text); background: var(--bg); line-height: 1.5;
        }
        @media (prefers-color-scheme: dark) {
          :root { --bg: #16181b; --surface: #1f2226; --text: #e8e6e1; --muted: #a3a7ad; --line: #33373d;
                  --accent: #7cc2b0; --accent-soft: #1f3531; --danger: #f0a097; --danger-soft: #3a2220; }
        }
        * { box-sizing: border-box; }
        body { margin: 0; }
        main { max-width: 1040px; margin: 0 auto; padding: clamp(16px, 4vw, 40px); }
        h1 { font-size: clamp(1.6rem, 3vw, 2.1rem); font-weight: 650; letter-spacing: -.01em; margin: 0 0 .25rem; }
        h2 { font-size: 1.1rem; font-weight: 620; margin: 0; }
        .lede { color: var(--muted); margin: 0 0 1.5rem; max-width: 46rem; }
        .sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
                   clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
        .drop { background: var(--surface); border: 1.5px dashed var(--line); border-radius: var(--radius);
                padding: clamp(20px, 5vw, 40px); text-align: center; box-shadow: var(--shadow);
                transition: border-color .15s, background-color .15s; }
        .drop.dragging { border-color: var(--accent); background: var(--accent-soft); }
        .drop-icon { width: 36px; height: 36px; color: var(--accent); }
        .drop-text { margin: .25rem 0 .75rem; font-size: 1.05rem; }
        .file-input { position: absolute; opacity: 0; width: 1px; height: 1px; }
        .button { display: inline-block; background: var(--accent); color: var(--surface); font-weight: 600;
                  padding: .6rem 1.15rem; border-radius: 999px; cursor: pointer; user-select: none; }
        .button:hover { filter: brightness(1.08); }
        .file-input:focus-visible + .button { outline: 3px solid var(--accent); outline-offset: 3px; }
        .hint { color: var(--muted); font-size: .9rem; margin: .75rem 0 0; }
        .results { margin-top: 2rem; }
        .results-head { display: flex; align-items: baseline; justify-content: space-between; gap: 1rem;
                        flex-wrap: wrap; margin-bottom: .75rem; }
        .summary { color: var(--muted); margin: 0; font-size: .9rem; }
        .gallery { list-style: none; margin: 0; padding: 0; display: grid; gap: 16px; grid-template-columns: 1fr; }
        @media (min-width: 560px) { .gallery { grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); } }
        .item { background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius);
                overflow: hidden; box-shadow: var(--shadow); display: flex; flex-direction: column; }
        .thumb { aspect-ratio: 4 / 3; background: var(--bg); display: grid; place-items: center; overflow: hidden; }
        .thumb img { max-width: 100%; max-height: 100%; display: block; }
        .thumb .placeholder { color: var(--muted); font-size: .85rem; }
        .meta { padding: .75rem .9rem .9rem; display: grid; gap: .3rem; min-width: 0; }
        .name { font-weight: 600; overflow-wrap: anywhere; margin: 0; }
        .status { color: var(--muted); font-size: .88rem; margin: 0; overflow-wrap: anywhere; }
        .facts { color: var(--muted); font-size: .88rem; margin: 0; font-variant-numeric: tabular-nums; }
        .item a { color: var(--accent); font-size: .88rem; font-weight: 600; }
        .item a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; border-radius: 4px; }
        progress { width: 100%; height: 6px; appearance: none; border: 0; border-radius: 3px; background: var(--accent-soft); }
        progress::-webkit-progress-bar { background: var(--accent-soft); border-radius: 3px; }
        progress::-webkit-progress-value { background: var(--accent); border-radius: 3px; }
        progress::-moz-progress-bar { background: var(--accent); border-radius: 3px; }
        .item.failed { border-color: var(--danger); }
        .item.failed .thumb { background: var(--danger-soft); color: var(--danger); }
        .item.failed .status { color: var(--danger); font-weight: 550; }
        @media (prefers-reduced-motion: reduce) { * { transition: none !important; animation: none !important; } }
        """#
}
