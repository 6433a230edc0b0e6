// Directory data: every post of blog/ is in the posts and journal
// collections; the permalink is computed at build time.
const collections = ["posts", "journal"];

module.exports = {
	layout: "post.njk",
	tags: collections,
	permalink: (data) => `/journal/${data.page.fileSlug}/`,
};
