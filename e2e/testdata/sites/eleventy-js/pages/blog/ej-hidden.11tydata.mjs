export default {
	eleventyExcludeFromCollections: true,
};
