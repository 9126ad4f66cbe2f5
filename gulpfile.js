// Copies the SVG icons of the nodes and the credential into dist/ (tsc only emits code and JSON).
const { src, dest } = require('gulp');

function buildIcons() {
	return src(['nodes/**/*.svg', 'credentials/**/*.svg'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

exports['build:icons'] = buildIcons;
