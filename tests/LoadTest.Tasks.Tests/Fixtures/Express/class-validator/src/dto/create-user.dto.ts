import { IsEmail, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, IsEnum, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';

export enum Role {
  Admin,
  Editor,
  Viewer,
}

class AddressDto {
  @IsString()
  city!: string;
}

export class CreateUserDto {
  @IsEmail()
  email!: string;

  @IsString()
  @Length(2, 50)
  name!: string;

  @IsInt()
  @Min(13)
  @Max(130)
  age!: number;

  @IsIn(['light', 'dark'])
  theme: string = 'light';

  @IsEnum(Role)
  role!: Role;

  @IsOptional()
  @Matches(/^\+[0-9]{7,15}$/)
  phone?: string;

  @ValidateNested()
  @Type(() => AddressDto)
  address!: AddressDto;

  greet(): string {
    return `hi ${this.name}`;
  }
}
