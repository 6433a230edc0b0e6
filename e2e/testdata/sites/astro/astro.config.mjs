// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

export default defineConfig({
	site: 'https://stars.example.org',
	base: '/stars',
	integrations: [mdx()],
});
