<?php
/*
 * A plugin that changes what is saved in a way wpsync cannot know: an
 * attribute on every paragraph (after kses, which keeps data-*), and a
 * word after every excerpt. The values are slashed here (wp_insert_post
 * unslashes them after these filters), hence the \" below.
 */
add_filter('content_save_pre', function ($content) {
	return str_replace('<p>', '<p data-filtered=\"1\">', $content);
}, 20);
add_filter('excerpt_save_pre', function ($excerpt) {
	if ($excerpt === '' || substr($excerpt, -11) === ' (filtered)') {
		return $excerpt;
	}
	return $excerpt . ' (filtered)';
}, 20);
