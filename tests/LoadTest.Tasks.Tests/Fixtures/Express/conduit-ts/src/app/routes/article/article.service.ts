export const createArticle = async (article: any, id: number) => {
  const { title, description, body, tagList } = article;
  return { slug: title, title, description, body, tagList, author: id };
};

export const updateArticle = async (article: any, slug: string, id: number) => {
  return { slug, title: article.title, description: article.description, body: article.body, author: id };
};

export const getArticles = async (query: any, id?: number) => ({ articles: [], articlesCount: 0 });

export const getArticle = async (slug: string, id?: number) => ({ slug });

export const deleteArticle = async (slug: string, id: number) => undefined;

export const addComment = async (body: string, slug: string, id: number) => ({ id: 1, body });

export const favoriteArticle = async (slugPayload: string, id: number) => ({ slug: slugPayload, favorited: true });
