// @ts-check
/** @type {import('@docusaurus/types').Config} */
const config = {
  title: "Kettle",
  url: "https://kettle.example.org",
  baseUrl: "/site/",
  presets: [
    [
      "classic",
      {
        docs: {
          path: "docs",
          routeBasePath: "guide",
        },
        blog: {
          showReadingTime: true,
        },
      },
    ],
  ],
};

module.exports = config;
