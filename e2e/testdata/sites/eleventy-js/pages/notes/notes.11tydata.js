const shared = require("../../lib/shared.js");

module.exports = { tags: shared.tags };
