module.exports = {title: 'x'};
