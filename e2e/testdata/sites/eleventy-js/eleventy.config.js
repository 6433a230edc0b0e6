// An Eleventy site of wpsync's e2e tests (eleventy_jsdata_test.go): its input
// folder is computed, so wpsync.yaml names it.
const input = process.env.ELEVENTY_INPUT || "pages";

module.exports = function (eleventyConfig) {
	eleventyConfig.addPairedShortcode("callout", (content, kind) => `<aside class="callout-${kind}">${content}</aside>`);
	eleventyConfig.addShortcode("kbd", (key) => `<kbd>${key}</kbd>`);
	eleventyConfig.addPairedShortcode("aside", (content) => `<aside>${content}</aside>`);
	return {
		dir: { input },
		markdownTemplateEngine: "njk",
	};
};
