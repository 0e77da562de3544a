# The govflow worker and public pages, for a Temporal cluster (see docker-compose.yml).
FROM node:20.20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
RUN npm run build:workflows
ENV GOVFLOW_WORKFLOW_BUNDLE=/app/dist/workflow-bundle.js \
    GOVFLOW_HTTP_HOST=0.0.0.0 \
    GOVFLOW_DATA_DIR=/app/.data
USER node
EXPOSE 8080
CMD ["npm", "run", "worker"]
