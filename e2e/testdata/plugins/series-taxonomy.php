<?php
/*
 * A site with a series taxonomy for posts, shown in the REST API, as a
 * plugin (or a theme's functions.php) registers it. Registered without
 * capabilities of its own: creating a term needs manage_categories, an
 * Author may assign existing ones.
 */
add_action('init', function () {
	register_taxonomy('series', 'post', array(
		'label'        => 'Series',
		'public'       => true,
		'hierarchical' => false,
		'show_in_rest' => true,
	));
});
