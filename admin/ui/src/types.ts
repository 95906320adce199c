export interface User {
  id: string | number;
  email: string;
  name: string;
  role: string;
  locale?: string;
}

export interface Person {
  id: string | number;
  name: string;
  email: string;
  department?: string | null;
  role?: string;
  locale?: string;
}

export interface MessageField {
  label: string;
  value: string;
}

export interface MessageButton {
  actionId: string;
  label: string;
  value: string;
  style?: 'primary' | 'danger';
}

export interface ChatMessage {
  id: string | number;
  from: 'bot' | 'person';
  text: string;
  fields?: MessageField[];
  buttons?: MessageButton[];
  createdAt: string | number;
}
