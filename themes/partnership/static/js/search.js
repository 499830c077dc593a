/* Site search: runs the pagefind index the build wrote to /pagefind/, in the browser.
   Results are announced to screen readers; without JavaScript the page lists every
   page A to Z instead. */
const form = document.querySelector("[data-search-form]");
const input = form && form.querySelector("input[name=q]");
const status = document.querySelector("[data-search-status]");
const list = document.querySelector("[data-search-list]");
const base = new URL(".", import.meta.url).pathname.replace(/js\/$/, "");
let pagefind = null;

async function search(term) {
  list.replaceChildren();
  if (!term.trim()) { status.textContent = ""; return; }
  status.textContent = "Searching…";
  try {
    pagefind = pagefind || await import(`${base}pagefind/pagefind.js`);
    const found = await pagefind.search(term);
    const results = await Promise.all(found.results.slice(0, 20).map((r) => r.data()));
    for (const r of results) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = r.url;
      link.textContent = (r.meta && r.meta.title) || r.url;
      const excerpt = document.createElement("p");
      excerpt.innerHTML = r.excerpt;
      item.append(link, excerpt);
      list.append(item);
    }
    const n = found.results.length;
    status.textContent = `${n} ${n === 1 ? "result" : "results"} for “${term}”` + (n > 20 ? ", showing the first 20" : "") + ".";
  } catch (error) {
    status.textContent = "Search is not available here: use the list of all pages below.";
  }
}

if (form && input) {
  const term = new URLSearchParams(location.search).get("q") || "";
  input.value = term;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    history.replaceState(null, "", `?q=${encodeURIComponent(input.value)}`);
    search(input.value);
  });
  if (term) search(term);
}
