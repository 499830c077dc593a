/* Site search: runs the pagefind index the build wrote to /pagefind/, in the browser.
   Results are announced to screen readers; without JavaScript the page lists every
   page A to Z instead. */
const form = document.querySelector("[data-search-form]");
const input = form && form.querySelector("input[name=q]");
const status = document.querySelector("[data-search-status]");
const list = document.querySelector("[data-search-list]");
const base = new URL(".", import.meta.url).pathname.replace(/js\/$/, "");
const messages = document.querySelector("[data-search-results]");
let pagefind = null;

// A message in the page's language, from the data attributes the theme wrote.
function message(name) {
  return (messages && messages.getAttribute(`data-${name}`)) || "";
}

function resultsFor(n, term, more) {
  const form = new Intl.PluralRules(document.documentElement.lang || "en").select(n);
  const text = message(`results-${form}`) || message("results-other");
  // The term last, so that text typed into the box is never read as a placeholder.
  return text.replace("{more}", more).replace("{count}", n).replace("{term}", term);
}

async function search(term) {
  list.replaceChildren();
  if (!term.trim()) { status.textContent = ""; return; }
  status.textContent = message("searching");
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
    status.textContent = resultsFor(n, term, n > 20 ? message("first-20") : "");
  } catch (error) {
    status.textContent = message("unavailable");
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
