// An Eleventy site of wpsync's e2e tests (eleventy_test.go).
module.exports = function (eleventyConfig) {
	eleventyConfig.addShortcode("kettle", (n) => `<span class="kettle">${n}</span>`);
	eleventyConfig.addFilter("shout", (s) => s.toUpperCase() + "!");
	eleventyConfig.ignores.add("content/notes/private/**");
	return {
		dir: { input: "content", includes: "_partials", data: "_globals" },
		markdownTemplateEngine: "njk",
	};
};
