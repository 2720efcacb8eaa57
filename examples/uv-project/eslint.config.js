import uvCi from "eslint-plugin-uv-ci";

export default [...uvCi.configs.recommended];
